import { PlusOutlined } from '@ant-design/icons';
import { Button, Flex, Typography } from 'antd';
import { useState } from 'react';
import type { ProjectView } from '../../../domain/projects/projects.schemas.js';
import { useCan } from '../../app/auth.js';
import { useT } from '../../app/i18n.js';
import { CommitmentFormModal } from './CommitmentModals.js';
import { CommitmentsTable } from './CommitmentsTable.js';
import { useCommitmentList, useCommitmentRates } from './commitments.api.js';
import { commitmentsMessages } from './commitments.messages.js';

/** The project's commitments (a tab of its 落地服务 card), with its own 兑现率. */
export function ProjectCommitments({ project }: { project: ProjectView }) {
  const t = useT(commitmentsMessages);
  const can = useCan();
  const [adding, setAdding] = useState(false);
  const list = useCommitmentList({ projectId: project.id, pageSize: '200' });
  const rates = useCommitmentRates({ projectId: project.id });
  const o = rates.data?.overall;
  return (
    <Flex vertical gap={8}>
      <Flex justify="space-between" align="center">
        <Typography.Text type="secondary" data-testid="project-commitment-rate">
          {o
            ? `${t.rate} ${o.rate === null ? t.noRate : `${o.rate}%`}（${t.countsOf(o.fulfilled, o.due)}） · ${t.onTimeRate} ${
                o.onTimeRate === null ? t.noRate : `${o.onTimeRate}%`
              }（${t.countsOf(o.onTime, o.due)}）`
            : null}
        </Typography.Text>
        {can('landing.write') ? (
          <Button icon={<PlusOutlined />} onClick={() => setAdding(true)} data-testid="commitment-add">
            {t.add}
          </Button>
        ) : null}
      </Flex>
      <CommitmentsTable items={list.data?.items ?? []} loading={list.isLoading} pagination={false} />
      {adding ? <CommitmentFormModal projectId={project.id} onClose={() => setAdding(false)} /> : null}
    </Flex>
  );
}
