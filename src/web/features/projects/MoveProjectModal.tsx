import { CheckCircleOutlined } from '@ant-design/icons';
import { Alert, App, DatePicker, Form, Input, Modal, Select, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import type { MoveProjectInput, ProjectView } from '../../../domain/projects/projects.schemas.js';
import {
  AGREEMENT_TYPE_LABELS,
  AGREEMENT_TYPES,
  type AgreementType,
  allowedMoves,
  checkMove,
  describeMoveProblem,
  EVIDENCE_KIND_LABELS,
  type EvidenceKind,
  FIELD_LABELS,
  isHoldStage,
  isMainStage,
  type MainStage,
  type MoveProblem,
  missingForStage,
  type ProjectFacts,
  STAGE_LABELS,
  STAGE_REQUIREMENTS,
  type Stage,
  type StageField,
} from '../../../domain/projects/stages.js';
import { isApiError } from '../../app/api.js';
import { type Lang, useLang, useT } from '../../app/i18n.js';
import { queryClient } from '../../app/query-client.js';
import { EvidenceUpload } from './EvidenceUpload.js';
import { ProjectErrorAlert } from './ProjectErrorAlert.js';
import {
  afterToday,
  amountRule,
  factsOf,
  formatDay,
  label,
  parseDay,
  todayInChina,
  wanInput,
  wanToYuan,
} from './project-format.js';
import { type AttachmentView, projectKeys, useMoveProject } from './projects.api.js';
import { projectsMessages } from './projects.messages.js';
import { StageTag } from './StageTag.js';

interface MoveValues {
  to?: Stage;
  effectiveDate?: Dayjs | null;
  reason?: string;
  note?: string;
  signingDate?: Dayjs | null;
  agreementType?: AgreementType | null;
  signedAmountYuan?: string;
  landedDate?: Dayjs | null;
  startDate?: Dayjs | null;
  productionDate?: Dayjs | null;
}

interface EvidenceNeed {
  /** The stage that needs it (or, for a file only the server asked for, the kind). */
  stage: MainStage | EvidenceKind;
  anyOf: readonly EvidenceKind[];
}

/**
 * What the chosen stage lacks, taken when the stage is chosen, so that filled-in fields stay on screen; `fix`
 * are fields the project has but that stand in the way (a landing date before the signing date).
 */
interface Plan {
  fields: StageField[];
  fix: StageField[];
  evidence: EvidenceNeed[];
}

type FieldMark = { name: keyof MoveValues; errors: string[] };

/** Where a problem belongs: the field it is about, or the file it lacks. */
function problemKey(p: MoveProblem): string {
  if (p.code === 'missing_evidence') return `evidence.${p.kind}`;
  return 'field' in p ? p.field : p.code;
}

/** The project's facts with the stage fields as the dialog has them. */
function factsWith(facts: ProjectFacts, values: MoveValues, fields: readonly StageField[]): ProjectFacts {
  const next = { ...facts };
  for (const field of fields) {
    if (field === 'agreementType') next.agreementType = values.agreementType ?? null;
    else if (field === 'signedAmountYuan') {
      const yuan = wanToYuan(values.signedAmountYuan);
      next.signedAmountYuan = yuan === null ? null : BigInt(yuan);
    } else next[field] = formatDay(values[field]);
  }
  return next;
}

const STAGE_FIELDS: readonly StageField[] = [
  'signingDate',
  'agreementType',
  'signedAmountYuan',
  'landedDate',
  'startDate',
  'productionDate',
];
const isStageField = (k: string): k is StageField => (STAGE_FIELDS as readonly string[]).includes(k);

const joinLabels = (labels: string[], lang: Lang) => labels.join(lang === 'zh' ? '、' : ', ');
const anyOfLabel = (kinds: readonly EvidenceKind[], lang: Lang) =>
  kinds.map((k) => label(EVIDENCE_KIND_LABELS[k], lang)).join(lang === 'zh' ? '或' : ' or ');

function fieldValue(project: ProjectView, field: StageField): MoveValues[StageField] {
  switch (field) {
    case 'agreementType':
      return project.agreementType;
    case 'signedAmountYuan':
      return wanInput(project.signedAmountYuan);
    default:
      return parseDay(project[field]);
  }
}

function toWire(values: MoveValues, field: StageField): string | null {
  switch (field) {
    case 'agreementType':
      return values.agreementType ?? null;
    case 'signedAmountYuan':
      return wanToYuan(values.signedAmountYuan);
    default:
      return formatDay(values[field]);
  }
}

/**
 * 阶段变更: the target is limited to the legal moves; what the target needs and the project lacks is asked for
 * right here (fields inline, files as uploads). Submitting sends the fields with the move in one request; a refusal
 * from the server is shown with its own words and its fields highlighted.
 */
export function MoveProjectModal(props: {
  project: ProjectView;
  attachments: AttachmentView[];
  /** A target chosen before the dialog opened (a card dropped on a board column). */
  initialTarget?: Stage;
  onClose: () => void;
}) {
  const { project, attachments } = props;
  const t = useT(projectsMessages);
  const lang = useLang();
  const { message } = App.useApp();
  const [form] = Form.useForm<MoveValues>();
  const move = useMoveProject();
  const [plan, setPlan] = useState<Plan | null>(null);
  const [target, setTarget] = useState<Stage | undefined>();
  const [evidenceErrors, setEvidenceErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<unknown>(null);
  const [clientProblems, setClientProblems] = useState<string[]>([]);
  const [pendingMarks, setPendingMarks] = useState<FieldMark[]>([]);
  const [pending, setPending] = useState(false);

  // Errors for fields that were just added to the dialog, once they are there to carry them.
  useEffect(() => {
    if (pendingMarks.length > 0) {
      form.setFields(pendingMarks);
      setPendingMarks([]);
    }
  }, [pendingMarks, form]);

  const facts = factsOf(project, attachments);
  const targets = allowedMoves(facts);
  const hold = target !== undefined && isHoldStage(target);
  const targetDateField = target && isMainStage(target) ? STAGE_REQUIREMENTS[target].date : null;

  const chooseTarget = (to: Stage | undefined) => {
    setTarget(to);
    setError(null);
    setClientProblems([]);
    setEvidenceErrors({});
    if (!to) {
      setPlan(null);
      return;
    }
    const missing = missingForStage(facts, to);
    const fields = missing.fields.filter(isStageField);
    setPlan({ fields, fix: [], evidence: missing.evidence });
    form.setFieldsValue(Object.fromEntries(fields.map((f) => [f, fieldValue(project, f)])));
  };

  // biome-ignore lint/correctness/useExhaustiveDependencies: taken once, as if picked in the dialog when it opens.
  useEffect(() => {
    const preset = props.initialTarget;
    if (preset && targets.includes(preset)) {
      form.setFieldValue('to', preset);
      chooseTarget(preset);
    }
  }, []);

  /**
   * Problems (from checkMove here, or the server's `fields`) onto the dialog: a shown field gets its message, a
   * stage field not shown yet (a date that breaks the order, say) is added to the dialog to be corrected, a
   * missing file goes to its upload. Returns the messages that belong to no field.
   */
  const markProblems = (entries: { key: string; text: string }[]): string[] => {
    if (!plan) return entries.map((e) => e.text);
    const shown = new Set<string>([
      'to',
      'effectiveDate',
      'note',
      ...(hold ? ['reason'] : []),
      ...plan.fields,
      ...plan.fix,
    ]);
    const marks: FieldMark[] = [];
    const later: FieldMark[] = [];
    const fix = [...plan.fix];
    const extraEvidence: EvidenceNeed[] = [];
    const evidence: Record<string, string> = {};
    const general: string[] = [];
    for (const { key, text } of entries) {
      if (key.startsWith('evidence.')) {
        const kind = key.slice('evidence.'.length) as EvidenceKind;
        const need = plan.evidence.find((n) => n.anyOf.includes(kind));
        if (need) evidence[need.stage] = text;
        else {
          extraEvidence.push({ stage: kind, anyOf: [kind] });
          evidence[kind] = text;
        }
      } else if (shown.has(key)) {
        marks.push({ name: key as keyof MoveValues, errors: [text] });
      } else if (isStageField(key)) {
        fix.push(key);
        later.push({ name: key, errors: [text] });
      } else {
        general.push(text);
      }
    }
    setEvidenceErrors(evidence);
    if (fix.length > plan.fix.length || extraEvidence.length > 0) {
      setPlan({ ...plan, fix, evidence: [...plan.evidence, ...extraEvidence] });
      form.setFieldsValue(
        Object.fromEntries(fix.slice(plan.fix.length).map((f) => [f, fieldValue(project, f)])),
      );
    }
    form.setFields(marks);
    setPendingMarks(later);
    return general;
  };

  const showServerError = (err: unknown) => {
    setError(err);
    if (isApiError(err) && err.fields) {
      markProblems(
        Object.entries(err.fields).map(([key, f]) => ({
          key,
          text: lang === 'zh' ? f.messageZh : f.message,
        })),
      );
    }
  };

  const submit = async (values: MoveValues) => {
    if (!values.to || !plan || !values.effectiveDate) return;
    setError(null);
    setClientProblems([]);
    setEvidenceErrors({});
    const editable = [...plan.fields, ...plan.fix];
    const effectiveDate = values.effectiveDate.format('YYYY-MM-DD');
    const reason = values.reason?.trim() || undefined;
    // The same check the server makes, on the facts as they will be once the fields here are saved.
    const check = checkMove(
      factsWith(facts, values, editable),
      { to: values.to, effectiveDate, reason },
      todayInChina(),
    );
    if (!check.ok) {
      setClientProblems(
        markProblems(check.problems.map((p) => ({ key: problemKey(p), text: describeMoveProblem(p)[lang] }))),
      );
      return;
    }
    const patch: Record<string, string | null> = {};
    for (const field of editable) {
      const value = toWire(values, field);
      if (value !== project[field]) patch[field] = value;
    }
    setPending(true);
    try {
      // One request: the facts typed here are saved with the move, or not at all if the server refuses it.
      const moved = await move.mutateAsync({
        id: project.id,
        move: {
          to: values.to,
          effectiveDate,
          ...(reason ? { reason } : {}),
          ...(values.note?.trim() ? { note: values.note.trim() } : {}),
          ...(Object.keys(patch).length > 0 ? { fields: patch as MoveProjectInput['fields'] } : {}),
          version: project.version,
        },
      });
      void message.success(t.moved(STAGE_LABELS[moved.stage][lang]));
      props.onClose();
    } catch (err) {
      showServerError(err);
    } finally {
      setPending(false);
    }
  };

  const fieldInput = (field: StageField) => {
    const name = label(FIELD_LABELS[field], lang);
    if (field === 'agreementType') {
      return (
        <Form.Item
          key={field}
          name={field}
          label={name}
          rules={[{ required: true, message: t.choose(name) }]}
        >
          <Select<AgreementType>
            options={AGREEMENT_TYPES.map((a) => ({ value: a, label: AGREEMENT_TYPE_LABELS[a][lang] }))}
          />
        </Form.Item>
      );
    }
    if (field === 'signedAmountYuan') {
      return (
        <Form.Item
          key={field}
          name={field}
          label={name}
          rules={[
            { required: true, whitespace: true, message: t.required(name) },
            amountRule(lang, { positive: t.mustBePositive(name) }),
          ]}
        >
          <Input inputMode="decimal" autoComplete="off" suffix={t.wanYuan} />
        </Form.Item>
      );
    }
    return (
      <Form.Item key={field} name={field} label={name} rules={[{ required: true, message: t.choose(name) }]}>
        <DatePicker style={{ width: '100%' }} format="YYYY-MM-DD" disabledDate={afterToday} />
      </Form.Item>
    );
  };

  const targetLabel = target ? STAGE_LABELS[target][lang] : '';
  const missingFieldLabels = (plan?.fields ?? []).map((f) => label(FIELD_LABELS[f], lang));
  const missingEvidenceLabels = (plan?.evidence ?? []).map((n) => anyOfLabel(n.anyOf, lang));
  const somethingMissing = missingFieldLabels.length > 0 || missingEvidenceLabels.length > 0;

  return (
    <Modal
      open
      title={t.moveTitle}
      okText={t.submitMove}
      cancelText={t.cancel}
      okButtonProps={{ disabled: !target }}
      confirmLoading={pending}
      onOk={() => form.submit()}
      onCancel={props.onClose}
      mask={{ closable: false }}
      width={600}
    >
      <Form<MoveValues>
        form={form}
        name="move"
        layout="vertical"
        initialValues={{ effectiveDate: parseDay(todayInChina()) }}
        onFinish={(v) => void submit(v)}
        onValuesChange={(changed: MoveValues) => {
          // Reaching a stage happens on that stage's date: the change follows it unless set by hand.
          if (targetDateField && targetDateField in changed && !form.isFieldTouched('effectiveDate')) {
            const day = changed[targetDateField];
            if (day) form.setFieldValue('effectiveDate', day);
          }
        }}
      >
        <Form.Item label={t.currentStage}>
          <StageTag stage={project.stage} />
        </Form.Item>
        <Form.Item name="to" label={t.targetStage} rules={[{ required: true, message: t.chooseTarget }]}>
          <Select<Stage>
            placeholder={t.chooseTarget}
            options={targets.map((s) => ({ value: s, label: STAGE_LABELS[s][lang] }))}
            onChange={chooseTarget}
            notFoundContent={t.noMoves}
          />
        </Form.Item>
        {target && plan && !hold ? (
          somethingMissing ? (
            <Alert
              type="warning"
              showIcon
              data-testid="move-missing"
              title={t.missingTitle(targetLabel)}
              description={
                <>
                  {missingFieldLabels.length > 0 ? (
                    <div>
                      {t.missingFields}
                      {joinLabels(missingFieldLabels, lang)}
                    </div>
                  ) : null}
                  {missingEvidenceLabels.length > 0 ? (
                    <div>
                      {t.missingEvidence}
                      {joinLabels(missingEvidenceLabels, lang)}
                    </div>
                  ) : null}
                </>
              }
              style={{ marginBottom: 16 }}
            />
          ) : (
            <Alert type="success" showIcon title={t.allThere(targetLabel)} style={{ marginBottom: 16 }} />
          )
        ) : null}
        {plan ? [...plan.fields, ...plan.fix].map(fieldInput) : null}
        {plan?.evidence.map((need) => {
          const uploaded = attachments.filter((a) => (need.anyOf as readonly string[]).includes(a.kind));
          const err = evidenceErrors[need.stage];
          const names = anyOfLabel(need.anyOf, lang);
          return (
            <div key={`${need.stage}-${need.anyOf.join()}`} data-testid={`evidence-${need.anyOf[0]}`}>
              <Form.Item
                label={need.anyOf.length > 1 ? t.evidenceAnyOf(names) : names}
                required
                validateStatus={err ? 'error' : undefined}
                help={err || undefined}
              >
                {uploaded.map((a) => (
                  <div key={a.id}>
                    <Typography.Text type="success">
                      <CheckCircleOutlined /> {t.uploaded(a.filename)}
                    </Typography.Text>
                  </div>
                ))}
                <EvidenceUpload
                  projectId={project.id}
                  kinds={need.anyOf}
                  buttonText={t.evidenceNeeded(names)}
                  onUploaded={() => setEvidenceErrors((e) => ({ ...e, [need.stage]: '' }))}
                />
              </Form.Item>
            </div>
          );
        })}
        <Form.Item
          name="effectiveDate"
          label={t.effectiveDate}
          extra={t.effectiveDateHelp}
          dependencies={targetDateField ? [targetDateField] : []}
          rules={[
            { required: true, message: t.choose(t.effectiveDate) },
            {
              validator: async (_, value: Dayjs | null | undefined) => {
                if (!value || !targetDateField) return;
                const typed = form.getFieldValue(targetDateField) as Dayjs | null | undefined;
                const stageDate = typed ? formatDay(typed) : project[targetDateField];
                if (stageDate && value.format('YYYY-MM-DD') < stageDate) {
                  throw new Error(t.effectiveBefore(label(FIELD_LABELS[targetDateField], lang), stageDate));
                }
              },
            },
          ]}
        >
          <DatePicker style={{ width: '100%' }} format="YYYY-MM-DD" disabledDate={afterToday} />
        </Form.Item>
        {hold ? (
          <Form.Item
            name="reason"
            label={t.reason}
            rules={[{ required: true, whitespace: true, message: t.reasonPlaceholder }, { max: 500 }]}
          >
            <Input.TextArea rows={2} placeholder={t.reasonPlaceholder} maxLength={500} showCount />
          </Form.Item>
        ) : null}
        <Form.Item name="note" label={t.note} rules={[{ max: 500 }]}>
          <Input.TextArea rows={2} maxLength={500} />
        </Form.Item>
      </Form>
      {clientProblems.length > 0 ? (
        <Alert
          type="error"
          showIcon
          role="alert"
          title={clientProblems.join(' ')}
          style={{ marginBottom: 16 }}
        />
      ) : null}
      <ProjectErrorAlert
        error={error}
        onReload={() => {
          setError(null);
          void queryClient.invalidateQueries({ queryKey: projectKeys.detail(project.id) });
        }}
      />
    </Modal>
  );
}
