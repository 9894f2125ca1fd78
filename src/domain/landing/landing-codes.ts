// The codes and labels of the landing service (DOMAIN §2 *Landing service*): pre-review topics and verdicts,
// procedures, problem categories and states, commitments, special teams and supervision notices. Forms, lists,
// the demo and the reminder job read them from here; the database checks the same codes (migration 0014_landing).

type Label = { zh: string; en: string };

/** 预审 topics a department gives its opinion on. */
export const PRE_REVIEW_TOPICS = [
  'project_approval',
  'site_land',
  'planning',
  'eia',
  'energy',
  'safety',
  'financing',
  'investor_strength',
  'industrial_policy',
  'intensity_tax_jobs',
] as const;
export type PreReviewTopic = (typeof PRE_REVIEW_TOPICS)[number];
export const PRE_REVIEW_TOPIC_LABELS: Record<PreReviewTopic, Label> = {
  project_approval: { zh: '立项', en: 'Project approval' },
  site_land: { zh: '选址/用地', en: 'Site and land' },
  planning: { zh: '规划', en: 'Planning' },
  eia: { zh: '环评', en: 'Environmental impact' },
  energy: { zh: '能评', en: 'Energy review' },
  safety: { zh: '安全', en: 'Safety' },
  financing: { zh: '融资', en: 'Financing' },
  investor_strength: { zh: '投资者实力', en: 'Investor strength' },
  industrial_policy: { zh: '产业政策', en: 'Industrial policy' },
  intensity_tax_jobs: { zh: '投资强度/税收/就业', en: 'Investment intensity, tax and jobs' },
};

export const PRE_REVIEW_VERDICTS = ['agree', 'conditional', 'disagree'] as const;
export type PreReviewVerdict = (typeof PRE_REVIEW_VERDICTS)[number];
export const PRE_REVIEW_VERDICT_LABELS: Record<PreReviewVerdict, Label> = {
  agree: { zh: '同意', en: 'Agree' },
  conditional: { zh: '有条件同意', en: 'Agree with conditions' },
  disagree: { zh: '不同意', en: 'Disagree' },
};

export const PRE_REVIEW_STATUSES = ['open', 'decided', 'cancelled'] as const;
export type PreReviewStatus = (typeof PRE_REVIEW_STATUSES)[number];
export const PRE_REVIEW_STATUS_LABELS: Record<PreReviewStatus, Label> = {
  open: { zh: '征求意见中', en: 'Collecting opinions' },
  decided: { zh: '已决策', en: 'Decided' },
  cancelled: { zh: '已撤销', en: 'Cancelled' },
};

export const PRE_REVIEW_DECISIONS = ['approved', 'conditional', 'rejected'] as const;
export type PreReviewDecision = (typeof PRE_REVIEW_DECISIONS)[number];
export const PRE_REVIEW_DECISION_LABELS: Record<PreReviewDecision, Label> = {
  approved: { zh: '通过', en: 'Approved' },
  conditional: { zh: '有条件通过', en: 'Approved with conditions' },
  rejected: { zh: '不予通过', en: 'Rejected' },
};

export const DECISION_MEETINGS = ['investment_committee', 'executive', 'land_supply'] as const;
export type DecisionMeeting = (typeof DECISION_MEETINGS)[number];
export const DECISION_MEETING_LABELS: Record<DecisionMeeting, Label> = {
  investment_committee: { zh: '投委会', en: 'Investment committee' },
  executive: { zh: '政府常务会', en: 'Executive meeting' },
  land_supply: { zh: '供地会', en: 'Land supply meeting' },
};

/** 手续: the kinds a checklist is built from; `custom` for any other the unit adds by name. */
export const PROCEDURE_KINDS = [
  'business_license',
  'approval_filing',
  'land_approval',
  'land_transfer',
  'planning_permit',
  'eia',
  'energy_review',
  'safety_review',
  'construction_permit',
  'fire_review',
  'completion_acceptance',
  'custom',
] as const;
export type ProcedureKind = (typeof PROCEDURE_KINDS)[number];
/** Label and the department that usually handles it (matched by name against the district's departments). */
export const PROCEDURE_KIND_LABELS: Record<ProcedureKind, Label & { department: string | null }> = {
  business_license: { zh: '工商注册', en: 'Business registration', department: '行政审批局' },
  approval_filing: { zh: '立项/备案', en: 'Project approval or filing', department: '发展和改革局' },
  land_approval: { zh: '土地报批', en: 'Land approval', department: '自然资源和规划局' },
  land_transfer: { zh: '土地出让', en: 'Land transfer', department: '自然资源和规划局' },
  planning_permit: { zh: '规划许可', en: 'Planning permit', department: '自然资源和规划局' },
  eia: { zh: '环评', en: 'Environmental impact assessment', department: '生态环境分局' },
  energy_review: { zh: '能评', en: 'Energy review', department: '发展和改革局' },
  safety_review: { zh: '安全评价', en: 'Safety assessment', department: '应急管理局' },
  construction_permit: { zh: '施工许可', en: 'Construction permit', department: '住房和城乡建设局' },
  fire_review: { zh: '消防设计审查', en: 'Fire design review', department: '住房和城乡建设局' },
  completion_acceptance: { zh: '竣工验收', en: 'Completion acceptance', department: '住房和城乡建设局' },
  custom: { zh: '其他手续', en: 'Other', department: null },
};

/** Checklist templates by project type. */
export const PROCEDURE_TEMPLATES = ['industrial_new', 'industrial_expansion', 'non_industrial'] as const;
export type ProcedureTemplate = (typeof PROCEDURE_TEMPLATES)[number];
export const PROCEDURE_TEMPLATE_LABELS: Record<ProcedureTemplate, Label> = {
  industrial_new: { zh: '工业新建项目', en: 'New industrial project' },
  industrial_expansion: { zh: '工业技改扩建项目', en: 'Industrial expansion' },
  non_industrial: { zh: '服务业及其他项目', en: 'Services and other' },
};
export const PROCEDURE_TEMPLATE_STEPS: Record<ProcedureTemplate, readonly ProcedureKind[]> = {
  industrial_new: [
    'business_license',
    'approval_filing',
    'land_approval',
    'land_transfer',
    'planning_permit',
    'eia',
    'energy_review',
    'safety_review',
    'construction_permit',
    'fire_review',
    'completion_acceptance',
  ],
  industrial_expansion: [
    'approval_filing',
    'planning_permit',
    'eia',
    'energy_review',
    'safety_review',
    'construction_permit',
    'completion_acceptance',
  ],
  non_industrial: [
    'business_license',
    'approval_filing',
    'planning_permit',
    'construction_permit',
    'fire_review',
    'completion_acceptance',
  ],
};

/** The template a project's type suggests: industrial or not, new or a capital increase (技改扩建). */
export function templateFor(project: { industrial: boolean; capitalIncrease: boolean }): ProcedureTemplate {
  if (!project.industrial) return 'non_industrial';
  return project.capitalIncrease ? 'industrial_expansion' : 'industrial_new';
}

export const PROCEDURE_STATUSES = ['pending', 'in_progress', 'done', 'not_needed'] as const;
export type ProcedureStatus = (typeof PROCEDURE_STATUSES)[number];
export const PROCEDURE_STATUS_LABELS: Record<ProcedureStatus, Label> = {
  pending: { zh: '未启动', en: 'Not started' },
  in_progress: { zh: '办理中', en: 'In progress' },
  done: { zh: '已办结', en: 'Done' },
  not_needed: { zh: '无需办理', en: 'Not needed' },
};

/** 问题清单 categories. */
export const PROBLEM_CATEGORIES = ['funds', 'land', 'policy', 'approval', 'factors', 'other'] as const;
export type ProblemCategory = (typeof PROBLEM_CATEGORIES)[number];
export const PROBLEM_CATEGORY_LABELS: Record<ProblemCategory, Label> = {
  funds: { zh: '资金', en: 'Funds' },
  land: { zh: '土地', en: 'Land' },
  policy: { zh: '政策', en: 'Policy' },
  approval: { zh: '审批', en: 'Approval' },
  factors: { zh: '要素保障', en: 'Utilities and factors' },
  other: { zh: '其他', en: 'Other' },
};

/** The loop 交办 → 承办 → 反馈 → 办结; a reopened problem goes back to `assigned`. */
export const PROBLEM_STATUSES = ['raised', 'assigned', 'accepted', 'replied', 'closed'] as const;
export type ProblemStatus = (typeof PROBLEM_STATUSES)[number];
export const PROBLEM_STATUS_LABELS: Record<ProblemStatus, Label> = {
  raised: { zh: '待交办', en: 'Raised' },
  assigned: { zh: '已交办', en: 'Assigned' },
  accepted: { zh: '承办中', en: 'Accepted' },
  replied: { zh: '已反馈', en: 'Replied' },
  closed: { zh: '已办结', en: 'Closed' },
};

export const PROBLEM_SOURCES = ['unit', 'department', 'investor'] as const;
export type ProblemSource = (typeof PROBLEM_SOURCES)[number];
export const PROBLEM_SOURCE_LABELS: Record<ProblemSource, Label> = {
  unit: { zh: '单位上报', en: 'Unit' },
  department: { zh: '部门上报', en: 'Department' },
  investor: { zh: '企业反映', en: 'Investor' },
};

export const PROBLEM_EVENT_KINDS = [
  'raised',
  'assigned',
  'accepted',
  'replied',
  'closed',
  'reopened',
  'escalated',
  'comment',
] as const;
export type ProblemEventKind = (typeof PROBLEM_EVENT_KINDS)[number];
export const PROBLEM_EVENT_LABELS: Record<ProblemEventKind, Label> = {
  raised: { zh: '提出问题', en: 'Raised' },
  assigned: { zh: '交办', en: 'Assigned' },
  accepted: { zh: '承办', en: 'Accepted' },
  replied: { zh: '反馈', en: 'Replied' },
  closed: { zh: '办结', en: 'Closed' },
  reopened: { zh: '重新交办', en: 'Reopened' },
  escalated: { zh: '逾期升级', en: 'Escalated' },
  comment: { zh: '留言', en: 'Comment' },
};

/** 承诺事项. */
export const COMMITMENT_KINDS = ['policy', 'subsidy', 'land', 'service', 'other'] as const;
export type CommitmentKind = (typeof COMMITMENT_KINDS)[number];
export const COMMITMENT_KIND_LABELS: Record<CommitmentKind, Label> = {
  policy: { zh: '政策兑现', en: 'Policy' },
  subsidy: { zh: '资金补助', en: 'Subsidy' },
  land: { zh: '土地保障', en: 'Land' },
  service: { zh: '服务保障', en: 'Service' },
  other: { zh: '其他', en: 'Other' },
};
export const COMMITMENT_STATUSES = ['pending', 'fulfilled', 'cancelled'] as const;
export type CommitmentStatus = (typeof COMMITMENT_STATUSES)[number];
export const COMMITMENT_STATUS_LABELS: Record<CommitmentStatus, Label> = {
  pending: { zh: '待兑现', en: 'Pending' },
  fulfilled: { zh: '已兑现', en: 'Fulfilled' },
  cancelled: { zh: '已撤销', en: 'Cancelled' },
};

/** 专班 roles. */
export const TEAM_ROLES = ['leader', 'deputy', 'member'] as const;
export type TeamRole = (typeof TEAM_ROLES)[number];
export const TEAM_ROLE_LABELS: Record<TeamRole, Label> = {
  leader: { zh: '专班组长', en: 'Team leader' },
  deputy: { zh: '副组长', en: 'Deputy' },
  member: { zh: '成员', en: 'Member' },
};

/** 督办单. */
export const SUPERVISION_STATUSES = ['issued', 'replied', 'closed'] as const;
export type SupervisionStatus = (typeof SUPERVISION_STATUSES)[number];
export const SUPERVISION_STATUS_LABELS: Record<SupervisionStatus, Label> = {
  issued: { zh: '待回复', en: 'Awaiting reply' },
  replied: { zh: '已回复', en: 'Replied' },
  closed: { zh: '已销号', en: 'Closed' },
};
export const SUPERVISION_REPLY_KINDS = ['reply', 'follow_up', 'close'] as const;
export type SupervisionReplyKind = (typeof SUPERVISION_REPLY_KINDS)[number];
export const SUPERVISION_REPLY_LABELS: Record<SupervisionReplyKind, Label> = {
  reply: { zh: '回复', en: 'Reply' },
  follow_up: { zh: '继续督办', en: 'Follow up' },
  close: { zh: '销号', en: 'Close' },
};

/** 督办〔2026〕3号 */
export function supervisionNumberLabel(year: number, number: number): string {
  return `督办〔${year}〕${number}号`;
}
