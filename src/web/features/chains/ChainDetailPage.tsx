import { DeleteOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import {
  App,
  Button,
  Card,
  Empty,
  Flex,
  Popconfirm,
  Progress,
  Space,
  Spin,
  Switch,
  Table,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import type { ChainLinkNode } from '../../../domain/network/chains.schemas.js';
import {
  CHAIN_SEGMENT_LABELS,
  TARGET_STATUS_LABELS,
  TARGET_TAG_LABELS,
  type TargetTag,
} from '../../../domain/network/network-codes.js';
import { errorText } from '../../app/api.js';
import { useCan } from '../../app/auth.js';
import { useLang, useT } from '../../app/i18n.js';
import { ApiErrorAlert } from '../../components/ApiErrorAlert.js';
import { ChainMap } from './ChainMap.js';
import { ChainModal } from './ChainModal.js';
import { STATE_COLORS, STATE_TAG } from './chain-colors.js';
import { useChain, useDeleteChain, useDeleteLink, useReorderLinks } from './chains.api.js';
import { chainsMessages } from './chains.messages.js';
import { LinkDrawer } from './LinkDrawer.js';
import { LinkModal } from './LinkModal.js';
import { PlaceEnterpriseModal } from './PlaceEnterpriseModal.js';

type Editing =
  | { kind: 'chain' }
  | { kind: 'add'; parent?: ChainLinkNode }
  | { kind: 'edit'; link: ChainLinkNode }
  | { kind: 'place'; link: ChainLinkNode }
  | null;

/** A chain: its map coloured by coverage, the links with their counts, the gaps with 补链 candidates. */
export function ChainDetailPage() {
  const { chainId = '' } = useParams();
  const t = useT(chainsMessages);
  const lang = useLang();
  const { message } = App.useApp();
  const can = useCan();
  const canEdit = can('pipeline.coordinate');
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const openLink = params.get('link');
  const chain = useChain(chainId);
  const [editMode, setEditMode] = useState(false);
  const [editing, setEditing] = useState<Editing>(null);
  const deleteLink = useDeleteLink(chainId);
  const reorder = useReorderLinks(chainId);
  const deleteChain = useDeleteChain(chainId);
  const stateLabel = { covered: t.covered, in_progress: t.inProgress, gap: t.gap };

  const showLink = (id: string | null) =>
    setParams(
      (p) => {
        if (id) p.set('link', id);
        else p.delete('link');
        return p;
      },
      { replace: true },
    );
  const fail = (err: unknown) => void message.error(errorText(err, lang));

  if (chain.isLoading) return <Spin />;
  if (!chain.data) return <ApiErrorAlert error={chain.error} />;
  const c = chain.data;
  const siblingsOf = (l: ChainLinkNode) =>
    c.links.filter((x) => x.parentId === l.parentId && (l.parentId !== null || x.segment === l.segment));
  const move = (l: ChainLinkNode, by: -1 | 1) => {
    const sibs = siblingsOf(l).map((x) => x.id);
    const i = sibs.indexOf(l.id);
    const j = i + by;
    if (j < 0 || j >= sibs.length) return;
    [sibs[i], sibs[j]] = [sibs[j] as string, sibs[i] as string];
    reorder.mutate(sibs, { onError: fail });
  };

  return (
    <Flex vertical gap={16}>
      <Card
        title={c.name}
        extra={
          canEdit ? (
            <Space wrap>
              <Switch
                checked={editMode}
                onChange={setEditMode}
                checkedChildren={t.edit}
                unCheckedChildren={t.edit}
              />
              <Button icon={<EditOutlined />} onClick={() => setEditing({ kind: 'chain' })}>
                {t.editChain}
              </Button>
              <Popconfirm
                title={t.deleteChainConfirm}
                onConfirm={() =>
                  deleteChain.mutate(undefined, {
                    onSuccess: () => navigate('/network/chains'),
                    onError: fail,
                  })
                }
              >
                <Button danger icon={<DeleteOutlined />}>
                  {t.deleteChain}
                </Button>
              </Popconfirm>
            </Space>
          ) : null
        }
      >
        <Flex gap={24} align="center" wrap>
          <Progress
            type="circle"
            size={88}
            percent={c.coverage ? Number(c.coverage) : 0}
            format={() => (c.coverage ? `${c.coverage}%` : '—')}
          />
          <Flex vertical gap={4}>
            <Typography.Text type="secondary">
              {t.coverage}（{t.allDistrict}）· {t.links(c.linkCount)}
            </Typography.Text>
            <Space size={4} wrap>
              <Tag color="success">
                {t.covered} {c.covered}
              </Tag>
              <Tag color="warning">
                {t.inProgress} {c.inProgress}
              </Tag>
              <Tag color="error">
                {t.gap} {c.gaps}
              </Tag>
            </Space>
            <Typography.Text>
              {t.chainLeaders}：{c.chainLeaderNames.length ? c.chainLeaderNames.join('、') : t.none}
            </Typography.Text>
            {c.description ? <Typography.Text type="secondary">{c.description}</Typography.Text> : null}
          </Flex>
        </Flex>
      </Card>

      <Card title={t.mapTitle}>
        <Flex gap={12} wrap style={{ marginBottom: 8 }} data-testid="chain-legend">
          {(['covered', 'in_progress', 'gap'] as const).map((s) => (
            <Flex key={s} gap={6} align="center">
              <span
                style={{
                  width: 12,
                  height: 12,
                  borderRadius: 6,
                  background: STATE_COLORS[s],
                  display: 'inline-block',
                }}
              />
              <span>{stateLabel[s]}</span>
            </Flex>
          ))}
          <Typography.Text type="secondary">{t.mapHint}</Typography.Text>
        </Flex>
        {c.links.length === 0 ? <Empty /> : <ChainMap chain={c} onLink={showLink} />}
      </Card>

      <Card title={t.gapTitle} data-testid="chain-gaps">
        <Typography.Paragraph type="secondary">{t.gapHint}</Typography.Paragraph>
        {c.gapList.length === 0 ? <Typography.Text type="success">{t.noGapsAtAll}</Typography.Text> : null}
        <Flex vertical gap={12}>
          {c.gapList.map((g) => (
            <Flex
              key={g.linkId}
              vertical
              gap={4}
              style={{ borderBottom: '1px solid #f0f0f0', paddingBottom: 8 }}
            >
              <Flex gap={8} align="center" wrap>
                <Tag color="error">{t.gap}</Tag>
                <Tag>{CHAIN_SEGMENT_LABELS[g.segment][lang]}</Tag>
                <Typography.Link strong onClick={() => showLink(g.linkId)}>
                  {g.path}
                </Typography.Link>
                <Link to={`/network/targets?chainLinkId=${g.linkId}`}>{t.targetLibrary}</Link>
              </Flex>
              <Flex gap={8} align="center" wrap>
                <Typography.Text type="secondary">{t.candidates}：</Typography.Text>
                {g.candidates.length === 0 ? (
                  <Typography.Text type="secondary">{t.noCandidates}</Typography.Text>
                ) : null}
                {g.candidates.map((cand) => (
                  <Space key={cand.targetId} size={4}>
                    {cand.visible ? (
                      <Link to={`/network/targets/${cand.targetId}`}>{cand.enterpriseName}</Link>
                    ) : (
                      <span>{cand.enterpriseName}</span>
                    )}
                    {cand.priority === 'key' ? <Tag color="red">{t.keyTarget}</Tag> : null}
                    {cand.tags.slice(0, 2).map((tag) => (
                      <Tag key={tag}>{TARGET_TAG_LABELS[tag as TargetTag]?.[lang] ?? tag}</Tag>
                    ))}
                    <Typography.Text type="secondary">
                      {TARGET_STATUS_LABELS[cand.status][lang]} · {cand.unitName}
                    </Typography.Text>
                  </Space>
                ))}
              </Flex>
            </Flex>
          ))}
        </Flex>
      </Card>

      <Card
        title={t.linksTitle}
        extra={
          editMode ? (
            <Button icon={<PlusOutlined />} onClick={() => setEditing({ kind: 'add' })}>
              {t.addLink}
            </Button>
          ) : (
            <Typography.Text type="secondary">{t.allDistrict}</Typography.Text>
          )
        }
      >
        <ApiErrorAlert error={deleteLink.error ?? reorder.error} />
        <Table<ChainLinkNode>
          rowKey="id"
          size="small"
          dataSource={c.links}
          pagination={false}
          scroll={{ x: 'max-content' }}
          data-testid="chain-links"
          columns={[
            {
              title: t.link,
              key: 'name',
              render: (_, l) => (
                <span style={{ paddingLeft: l.depth * 20 }}>
                  <Typography.Link onClick={() => showLink(l.id)}>{l.name}</Typography.Link>
                </span>
              ),
            },
            { title: t.segment, key: 'segment', render: (_, l) => CHAIN_SEGMENT_LABELS[l.segment][lang] },
            {
              title: t.state,
              key: 'state',
              render: (_, l) => <Tag color={STATE_TAG[l.state]}>{stateLabel[l.state]}</Tag>,
            },
            {
              title: t.enterprises,
              key: 'enterprises',
              render: (_, l) =>
                l.enterprises.map((e) => (
                  <Tag key={e.enterpriseId} color={e.role === 'chain_leader' ? 'gold' : undefined}>
                    {e.name}
                  </Tag>
                )),
            },
            { title: t.leads, key: 'leads', align: 'right', render: (_, l) => l.counts.leads },
            {
              title: t.projectsInProgress,
              key: 'inProgress',
              align: 'right',
              render: (_, l) => l.counts.negotiating + l.counts.signed + l.counts.paused,
            },
            {
              title: t.projectsOnGround,
              key: 'onGround',
              align: 'right',
              render: (_, l) => l.counts.landed + l.counts.started + l.counts.producing,
            },
            {
              title: t.targets,
              key: 'targets',
              align: 'right',
              render: (_, l) => <Link to={`/network/targets?chainLinkId=${l.id}`}>{l.counts.targets}</Link>,
            },
            ...(editMode
              ? [
                  {
                    title: '',
                    key: 'edit',
                    render: (_: unknown, l: ChainLinkNode) => (
                      <Space size={0} wrap>
                        <Button
                          size="small"
                          type="link"
                          onClick={() => setEditing({ kind: 'add', parent: l })}
                        >
                          {t.addChild}
                        </Button>
                        <Button
                          size="small"
                          type="link"
                          onClick={() => setEditing({ kind: 'edit', link: l })}
                        >
                          {t.rename}
                        </Button>
                        <Button
                          size="small"
                          type="link"
                          onClick={() => setEditing({ kind: 'place', link: l })}
                        >
                          {t.placeEnterprise}
                        </Button>
                        <Button size="small" type="link" onClick={() => move(l, -1)}>
                          {t.moveUp}
                        </Button>
                        <Button size="small" type="link" onClick={() => move(l, 1)}>
                          {t.moveDown}
                        </Button>
                        <Popconfirm
                          title={t.deleteLinkConfirm}
                          onConfirm={() => deleteLink.mutate(l.id, { onError: fail })}
                        >
                          <Button size="small" type="link" danger>
                            {t.deleteLink}
                          </Button>
                        </Popconfirm>
                      </Space>
                    ),
                  },
                ]
              : []),
          ]}
        />
      </Card>

      <LinkDrawer chain={c} linkId={openLink} canEdit={canEdit} onClose={() => showLink(null)} />
      {editing?.kind === 'chain' ? <ChainModal chain={c} onClose={() => setEditing(null)} /> : null}
      {editing?.kind === 'add' ? (
        <LinkModal chain={c} parent={editing.parent} onClose={() => setEditing(null)} />
      ) : null}
      {editing?.kind === 'edit' ? (
        <LinkModal chain={c} link={editing.link} onClose={() => setEditing(null)} />
      ) : null}
      {editing?.kind === 'place' ? (
        <PlaceEnterpriseModal chainId={c.id} link={editing.link} onClose={() => setEditing(null)} />
      ) : null}
    </Flex>
  );
}
