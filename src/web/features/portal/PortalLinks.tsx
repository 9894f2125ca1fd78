import type { ProjectView } from '../../../domain/projects/projects.schemas.js';

// Placeholder until this feature lands (issue 5); shown as one tab of the project's 落地服务 card.
export function PortalLinks(_props: { project: ProjectView }) {
  return null;
}
