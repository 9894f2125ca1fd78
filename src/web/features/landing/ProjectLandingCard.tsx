import { Card, Tabs } from 'antd';
import type { ProjectView } from '../../../domain/projects/projects.schemas.js';
import { useT } from '../../app/i18n.js';
import { ProjectCommitments } from '../commitments/ProjectCommitments.js';
import { PortalLinks } from '../portal/PortalLinks.js';
import { ProjectPreReviews } from '../pre-reviews/ProjectPreReviews.js';
import { ProjectProblems } from '../problems/ProjectProblems.js';
import { ProjectProcedures } from '../procedures/ProjectProcedures.js';
import { ProjectTeam } from '../project-team/ProjectTeam.js';
import { landingMessages } from './landing.messages.js';

/**
 * The project's landing service in one card (DOMAIN §2): its procedures and maturity, problems, the
 * government's commitments, pre-review, special team and the investor's portal links. Each tab belongs to its
 * feature folder; this card only puts them side by side.
 */
export function ProjectLandingCard({ project }: { project: ProjectView }) {
  const t = useT(landingMessages);
  return (
    <Card title={t.cardTitle} data-testid="project-landing">
      <Tabs
        destroyOnHidden
        items={[
          { key: 'procedures', label: t.procedures, children: <ProjectProcedures project={project} /> },
          { key: 'problems', label: t.problems, children: <ProjectProblems project={project} /> },
          { key: 'commitments', label: t.commitments, children: <ProjectCommitments project={project} /> },
          { key: 'preReviews', label: t.preReviews, children: <ProjectPreReviews project={project} /> },
          { key: 'team', label: t.team, children: <ProjectTeam project={project} /> },
          { key: 'portal', label: t.portal, children: <PortalLinks project={project} /> },
        ]}
      />
    </Card>
  );
}
