import { PlusOutlined } from '@ant-design/icons';
import { Button, Flex } from 'antd';
import { useState } from 'react';
import type { ProjectView } from '../../../domain/projects/projects.schemas.js';
import { useCan } from '../../app/auth.js';
import { useT } from '../../app/i18n.js';
import { OpenPreReviewModal } from './OpenPreReviewModal.js';
import { ReviewsTable } from './PreReviewsListPage.js';
import { preReviewsMessages } from './pre-reviews.messages.js';

/** 预审 tab of the project's 落地服务 card: its reviews; the center opens one here (any project, by choice). */
export function ProjectPreReviews({ project }: { project: ProjectView }) {
  const t = useT(preReviewsMessages);
  const can = useCan();
  const [opening, setOpening] = useState(false);
  return (
    <Flex vertical gap={12} data-testid="project-pre-reviews">
      {can('landing.coordinate') ? (
        <Button icon={<PlusOutlined />} onClick={() => setOpening(true)} style={{ alignSelf: 'end' }}>
          {t.open}
        </Button>
      ) : null}
      <ReviewsTable projectId={project.id} />
      {opening ? (
        <OpenPreReviewModal
          projectId={project.id}
          projectName={project.name}
          onClose={() => setOpening(false)}
        />
      ) : null}
    </Flex>
  );
}
