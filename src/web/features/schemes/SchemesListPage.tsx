import { DownOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Card,
  Dropdown,
  Flex,
  List,
  Modal,
  Popconfirm,
  Select,
  Space,
  Table,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import { useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import type { SchemeSummary } from '../../../domain/assessment/schemes.schemas.js';
import { errorText } from '../../app/api.js';
import { useCan } from '../../app/auth.js';
import { formatDateTime } from '../../app/dates.js';
import { useLang, useT } from '../../app/i18n.js';
import { todayInChina } from '../projects/project-format.js';
import { useCreateScheme, useDeleteScheme, useExamples, useSchemeAction, useSchemes } from './schemes.api.js';
import { schemesMessages } from './schemes.messages.js';

const thisYear = () => Number(todayInChina().slice(0, 4));

/** A new blank scheme starts with one item the center edits: a scheme needs at least one. */
export const BLANK_ITEM = {
  key: 'signed_amount',
  name: '签约额',
  points: 20,
  formula: 'min(completion(签约额), 1.2) * 20',
};

export function SchemeStatusTags({ s }: { s: Pick<SchemeSummary, 'status' | 'inForce'> }) {
  const t = useT(schemesMessages);
  return (
    <Space size={4}>
      {s.status === 'draft' ? <Tag color="orange">{t.draft}</Tag> : <Tag color="green">{t.published}</Tag>}
      {s.inForce ? (
        <Tooltip title={t.inForceHint}>
          <Tag color="blue">{t.inForce}</Tag>
        </Tooltip>
      ) : null}
    </Space>
  );
}

/** 考核方案: the versions of one year's scheme; the center creates, publishes, revises and copies them. */
export function SchemesListPage() {
  const t = useT(schemesMessages);
  const lang = useLang();
  const can = useCan();
  const manage = can('assessment.manage');
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const year = Number(params.get('year') ?? thisYear());
  const list = useSchemes(year);
  const lastYear = useSchemes(year - 1);
  const create = useCreateScheme();
  const action = useSchemeAction();
  const remove = useDeleteScheme();
  const [picking, setPicking] = useState(false);
  const examples = useExamples();

  const rows = list.data?.items ?? [];
  const hasDraft = rows.some((r) => r.status === 'draft');
  const lastYearInForce = lastYear.data?.items.find((s) => s.inForce);
  const years = Array.from({ length: 5 }, (_, i) => thisYear() + 1 - i);
  const fail = (err: unknown) => void message.error(errorText(err, lang));
  const open = (id: string) => navigate(`/assessment/schemes/${id}`);

  const createWith = (input: Parameters<typeof create.mutate>[0]) =>
    create.mutate(input, {
      onSuccess: (s) => {
        void message.success(t.created);
        setPicking(false);
        open(s.id);
      },
      onError: fail,
    });

  return (
    <Card
      title={t.listTitle}
      extra={
        <Flex gap={8} align="center">
          <Select
            aria-label={t.year}
            value={year}
            onChange={(y) => setParams({ year: String(y) })}
            options={years.map((y) => ({ value: y, label: t.yearLabel(y) }))}
            style={{ width: 110 }}
          />
          {manage ? (
            <Tooltip title={hasDraft ? t.draftExistsHint : undefined}>
              <span>
                <Dropdown
                  disabled={hasDraft}
                  menu={{
                    items: [
                      { key: 'example', label: t.createFromExample },
                      { key: 'blank', label: t.createBlank },
                      {
                        key: 'copy',
                        label: t.copyFromLastYear(year - 1),
                        disabled: !lastYearInForce,
                        title: lastYearInForce ? undefined : t.noLastYear(year - 1),
                      },
                    ],
                    onClick: ({ key }) => {
                      if (key === 'example') setPicking(true);
                      else if (key === 'blank')
                        createWith({ year, name: t.defaultName(year), items: [{ ...BLANK_ITEM }] });
                      else if (lastYearInForce)
                        action.mutate(
                          { id: lastYearInForce.id, action: 'copy', toYear: year },
                          { onSuccess: (s) => open(s.id), onError: fail },
                        );
                    },
                  }}
                >
                  <Button type="primary" loading={create.isPending} disabled={hasDraft}>
                    {t.create} <DownOutlined />
                  </Button>
                </Dropdown>
              </span>
            </Tooltip>
          ) : null}
        </Flex>
      }
    >
      {!can('assessment.read_drafts') ? (
        <Alert type="info" showIcon title={t.unitNotice} style={{ marginBottom: 16 }} />
      ) : null}
      <Table<SchemeSummary>
        rowKey="id"
        size="small"
        loading={list.isLoading}
        dataSource={rows}
        pagination={false}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: t.empty }}
        data-testid="schemes-table"
        columns={[
          { title: t.version, key: 'version', render: (_, s) => t.versionLabel(s.version) },
          {
            title: t.name,
            key: 'name',
            render: (_, s) => <Link to={`/assessment/schemes/${s.id}`}>{s.name}</Link>,
          },
          { title: t.status, key: 'status', render: (_, s) => <SchemeStatusTags s={s} /> },
          { title: t.itemsCount, dataIndex: 'itemsCount', key: 'items' },
          { title: t.publishedAt, key: 'publishedAt', render: (_, s) => formatDateTime(s.publishedAt) },
          { title: t.updatedAt, key: 'updatedAt', render: (_, s) => formatDateTime(s.updatedAt) },
          {
            title: t.actions,
            key: 'actions',
            render: (_, s) => (
              <Space size={4} wrap>
                <Button size="small" onClick={() => open(s.id)}>
                  {s.status === 'draft' && manage ? t.edit : t.open}
                </Button>
                {manage && s.status === 'draft' ? (
                  <>
                    <Popconfirm
                      title={t.publishConfirm}
                      onConfirm={() =>
                        action.mutate(
                          { id: s.id, action: 'publish' },
                          { onSuccess: () => void message.success(t.published_ok), onError: fail },
                        )
                      }
                    >
                      <Button size="small" type="primary">
                        {t.publish}
                      </Button>
                    </Popconfirm>
                    <Popconfirm
                      title={t.removeConfirm}
                      onConfirm={() =>
                        remove.mutate(s.id, {
                          onSuccess: () => void message.success(t.removed),
                          onError: fail,
                        })
                      }
                    >
                      <Button size="small" danger>
                        {t.remove}
                      </Button>
                    </Popconfirm>
                  </>
                ) : null}
                {manage && s.status === 'published' ? (
                  <Button
                    size="small"
                    onClick={() =>
                      action.mutate(
                        { id: s.id, action: 'revise' },
                        { onSuccess: (d) => open(d.id), onError: fail },
                      )
                    }
                  >
                    {t.revise}
                  </Button>
                ) : null}
                {manage ? (
                  <Button
                    size="small"
                    onClick={() =>
                      action.mutate(
                        { id: s.id, action: 'copy', toYear: s.year + 1 },
                        {
                          onSuccess: () => {
                            void message.success(t.copied(s.year + 1));
                            setParams({ year: String(s.year + 1) });
                          },
                          onError: fail,
                        },
                      )
                    }
                  >
                    {t.copyToNextYear}
                  </Button>
                ) : null}
              </Space>
            ),
          },
        ]}
      />
      <Modal
        title={t.pickExample}
        open={picking}
        onCancel={() => setPicking(false)}
        footer={null}
        width={640}
      >
        <List
          loading={examples.isLoading}
          dataSource={examples.data?.items ?? []}
          renderItem={(e) => (
            <List.Item
              actions={[
                <Button
                  key="use"
                  type="primary"
                  loading={create.isPending}
                  onClick={() => createWith({ year, name: t.defaultName(year), fromExample: e.id })}
                >
                  {t.createFromExample}
                </Button>,
              ]}
            >
              <List.Item.Meta
                title={e.name}
                description={
                  <>
                    <Typography.Paragraph type="secondary" style={{ marginBottom: 4 }}>
                      {e.description}
                    </Typography.Paragraph>
                    <Typography.Text type="secondary">{t.exampleItems(e.items.length)}</Typography.Text>
                  </>
                }
              />
            </List.Item>
          )}
        />
      </Modal>
    </Card>
  );
}
