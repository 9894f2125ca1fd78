import { Button, Descriptions, Drawer, Flex, Popconfirm, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import type { ChainDetail } from '../../../domain/network/chains.schemas.js';
import { CHAIN_SEGMENT_LABELS, LINK_ENTERPRISE_ROLE_LABELS } from '../../../domain/network/network-codes.js';
import { STAGE_LABELS } from '../../../domain/projects/stages.js';
import { useLang, useT } from '../../app/i18n.js';
import { ApiErrorAlert } from '../../components/ApiErrorAlert.js';
import { LeadStatusTag } from '../leads/LeadStatusTag.js';
import { STATE_TAG } from './chain-colors.js';
import { useRemoveEnterprise } from './chains.api.js';
import { chainsMessages } from './chains.messages.js';

/**
 * One link: the district-wide counts (全区), the enterprises placed on it, and the leads and projects on it that
 * the caller may see; the project library filtered by the link lists the rest of the caller's projects.
 */
export function LinkDrawer(props: {
  chain: ChainDetail;
  linkId: string | null;
  canEdit: boolean;
  onClose: () => void;
}) {
  const t = useT(chainsMessages);
  const lang = useLang();
  const link = props.chain.links.find((l) => l.id === props.linkId);
  const remove = useRemoveEnterprise(props.chain.id);
  const stateLabel = { covered: t.covered, in_progress: t.inProgress, gap: t.gap };
  const leads = props.chain.leads.filter((l) => l.linkId === props.linkId);
  const projects = props.chain.projects.filter((p) => p.linkId === props.linkId);
  return (
    <Drawer
      open={Boolean(link)}
      onClose={props.onClose}
      size="large"
      title={link ? t.linkDrawer(link.name) : ''}
    >
      {link ? (
        <Flex vertical gap={16} data-testid="link-drawer">
          <Flex gap={8} wrap>
            <Tag>{CHAIN_SEGMENT_LABELS[link.segment][lang]}</Tag>
            <Tag color={STATE_TAG[link.state]}>{stateLabel[link.state]}</Tag>
          </Flex>
          <Descriptions size="small" column={2} title={`${t.counts}（${t.allDistrict}）`} bordered>
            <Descriptions.Item label={t.enterprises}>
              {link.counts.chainLeaders + link.counts.existing}
            </Descriptions.Item>
            <Descriptions.Item label={t.leads}>{link.counts.leads}</Descriptions.Item>
            <Descriptions.Item label={t.projectsInProgress}>
              {link.counts.negotiating + link.counts.signed + link.counts.paused}
            </Descriptions.Item>
            <Descriptions.Item label={t.projectsOnGround}>
              {link.counts.landed + link.counts.started + link.counts.producing}
            </Descriptions.Item>
            <Descriptions.Item label={t.targets}>
              <Link to={`/network/targets?chainLinkId=${link.id}`}>{link.counts.targets}</Link>
            </Descriptions.Item>
          </Descriptions>
          <div>
            <Typography.Title level={5}>{t.enterprises}</Typography.Title>
            {link.enterprises.length === 0 ? (
              <Typography.Text type="secondary">{t.noRecords}</Typography.Text>
            ) : null}
            <Flex vertical gap={4}>
              {link.enterprises.map((e) => (
                <Flex key={e.enterpriseId} gap={8} align="center" wrap>
                  <Tag color={e.role === 'chain_leader' ? 'gold' : 'blue'}>
                    {LINK_ENTERPRISE_ROLE_LABELS[e.role][lang]}
                  </Tag>
                  <Link to={`/enterprises/${e.enterpriseId}`}>{e.name}</Link>
                  {e.note ? <Typography.Text type="secondary">{e.note}</Typography.Text> : null}
                  {props.canEdit ? (
                    <Popconfirm
                      title={t.removeConfirm}
                      onConfirm={() => remove.mutate({ linkId: link.id, enterpriseId: e.enterpriseId })}
                    >
                      <Button size="small" type="link" danger>
                        {t.remove}
                      </Button>
                    </Popconfirm>
                  ) : null}
                </Flex>
              ))}
            </Flex>
            <ApiErrorAlert error={remove.error} />
          </div>
          <div>
            <Typography.Title level={5}>{t.myLeads}</Typography.Title>
            {leads.length === 0 ? <Typography.Text type="secondary">{t.noRecords}</Typography.Text> : null}
            <Flex vertical gap={4}>
              {leads.map((l) => (
                <Flex key={l.id} gap={8} align="center" wrap>
                  <LeadStatusTag status={l.status} />
                  <Link to={`/leads/${l.id}`}>{l.title}</Link>
                  <Typography.Text type="secondary">
                    {l.unitName} · {l.receivedOn}
                  </Typography.Text>
                </Flex>
              ))}
            </Flex>
          </div>
          <div>
            <Typography.Title level={5}>{t.myProjects}</Typography.Title>
            {projects.length === 0 ? <Typography.Text type="secondary">{t.noRecords}</Typography.Text> : null}
            <Flex vertical gap={4}>
              {projects.map((p) => (
                <Flex key={p.id} gap={8} align="center" wrap>
                  <Tag>{STAGE_LABELS[p.stage][lang]}</Tag>
                  <Link to={`/projects/${p.id}`}>{p.name}</Link>
                  <Typography.Text type="secondary">{p.unitName}</Typography.Text>
                </Flex>
              ))}
            </Flex>
            <Link to={`/projects?chainLinkId=${link.id}`}>{t.allProjects}</Link>
          </div>
        </Flex>
      ) : null}
    </Drawer>
  );
}
