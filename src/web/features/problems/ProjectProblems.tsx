import { PlusOutlined } from '@ant-design/icons';
import { Button, Flex, Table, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { PROBLEM_CATEGORY_LABELS } from '../../../domain/landing/landing-codes.js';
import type { ProblemSummary } from '../../../domain/landing/problems.schemas.js';
import type { ProjectView } from '../../../domain/projects/projects.schemas.js';
import { useCan } from '../../app/auth.js';
import { useLang, useT } from '../../app/i18n.js';
import { ErrorResult } from '../../components/ErrorResult.js';
import { ProblemFormModal } from './ProblemFormModal.js';
import { ProblemClockTags, ProblemStatusTag } from './ProblemTags.js';
import { useProblems } from './problems.api.js';
import { problemsMessages } from './problems.messages.js';

/** The project's problems (one tab of its 落地服务 card) and 反映问题 for the project's unit or a department. */
export function ProjectProblems({ project }: { project: ProjectView }) {
  const t = useT(problemsMessages);
  const lang = useLang();
  const can = useCan();
  const navigate = useNavigate();
  const [adding, setAdding] = useState(false);
  const problems = useProblems({ projectId: project.id, page: 1, pageSize: 50 });
  const columns: TableColumnsType<ProblemSummary> = [
    {
      key: 'title',
      title: t.problemTitle,
      render: (_, p) => (
        <Flex gap={4} wrap align="center">
          <Link to={`/landing/problems/${p.id}`}>{p.title}</Link>
          <ProblemClockTags daysOverdue={p.daysOverdue} escalationLevel={p.escalationLevel} />
        </Flex>
      ),
    },
    { key: 'status', title: t.status, render: (_, p) => <ProblemStatusTag status={p.status} /> },
    { key: 'category', title: t.category, render: (_, p) => PROBLEM_CATEGORY_LABELS[p.category][lang] },
    { key: 'department', title: t.department, render: (_, p) => p.departmentName ?? '—' },
    { key: 'deadline', title: t.deadline, render: (_, p) => p.deadline ?? '—' },
  ];
  if (problems.isError) return <ErrorResult error={problems.error} onRetry={() => void problems.refetch()} />;
  return (
    <Flex vertical gap={8} data-testid="project-problems">
      <Flex gap={8} justify="flex-end">
        <Link to={`/landing/problems?projectId=${project.id}`}>{t.viewAll}</Link>
        {can('landing.write') || can('landing.handle') ? (
          <Button
            size="small"
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => setAdding(true)}
            data-testid="project-problem-new"
          >
            {t.add}
          </Button>
        ) : null}
      </Flex>
      <Table<ProblemSummary>
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={problems.data?.items}
        loading={problems.isFetching}
        pagination={false}
        locale={{ emptyText: t.noProjectProblems }}
      />
      {adding ? (
        <ProblemFormModal
          projectId={project.id}
          onClose={(saved) => {
            setAdding(false);
            if (saved) void navigate(`/landing/problems/${saved.problem.id}`);
          }}
        />
      ) : null}
    </Flex>
  );
}
