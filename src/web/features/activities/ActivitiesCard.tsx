import { DeleteOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, Flex, List, Popconfirm, Tag, Typography } from 'antd';
import { useState } from 'react';
import {
  ACTIVITY_KIND_LABELS,
  type ActivityKind,
  type ActivityView,
  canAmendActivity,
} from '../../../domain/activities/activities.schemas.js';
import { useCurrentUser } from '../../app/auth.js';
import { useLang, useT } from '../../app/i18n.js';
import { ActivityFormModal } from './ActivityFormModal.js';
import { useDeleteActivity, useProjectActivities } from './activities.api.js';
import { activitiesMessages } from './activities.messages.js';

export const KIND_COLORS: Record<ActivityKind, string> = {
  visit_out: 'green',
  visit_in: 'cyan',
  call: 'default',
  meeting: 'purple',
};

/** A project's visits, calls and meetings, with 记录走访; the recorder corrects or deletes within 7 days. */
export function ActivitiesCard(props: { projectId: string; canWrite: boolean }) {
  const t = useT(activitiesMessages);
  const lang = useLang();
  const me = useCurrentUser();
  const { message } = App.useApp();
  const activities = useProjectActivities(props.projectId);
  const remove = useDeleteActivity();
  const [editing, setEditing] = useState<ActivityView | null | 'new'>(null);

  return (
    <Card
      title={t.title}
      data-testid="project-activities"
      extra={
        props.canWrite ? (
          <Button icon={<PlusOutlined />} onClick={() => setEditing('new')}>
            {t.record}
          </Button>
        ) : null
      }
    >
      <List<ActivityView>
        loading={activities.isLoading}
        dataSource={activities.data ?? []}
        // Newest first; a project followed for years has hundreds, so the card pages them.
        pagination={{ pageSize: 5, size: 'small', hideOnSinglePage: true, showSizeChanger: false }}
        locale={{ emptyText: t.empty }}
        renderItem={(a) => {
          const mine = props.canWrite && canAmendActivity(a, me.id, new Date());
          return (
            <List.Item
              actions={
                mine
                  ? [
                      <Button
                        key="edit"
                        size="small"
                        type="link"
                        icon={<EditOutlined />}
                        onClick={() => setEditing(a)}
                      >
                        {t.edit}
                      </Button>,
                      <Popconfirm
                        key="remove"
                        title={t.removeConfirm}
                        onConfirm={() =>
                          remove.mutate(a.id, { onSuccess: () => void message.success(t.removed) })
                        }
                      >
                        <Button size="small" type="link" danger icon={<DeleteOutlined />}>
                          {t.remove}
                        </Button>
                      </Popconfirm>,
                    ]
                  : []
              }
            >
              <Flex vertical gap={2} style={{ minWidth: 0 }}>
                <Flex gap={8} align="center" wrap>
                  <Typography.Text strong>{a.occurredOn}</Typography.Text>
                  <Tag color={KIND_COLORS[a.kind]}>{ACTIVITY_KIND_LABELS[a.kind][lang]}</Tag>
                  {a.ledByLeader ? <Tag color="gold">{t.ledByLeader}</Tag> : null}
                  {a.place ? <Typography.Text type="secondary">{a.place}</Typography.Text> : null}
                </Flex>
                <Typography.Text style={{ overflowWrap: 'anywhere' }}>{a.summary}</Typography.Text>
                <Typography.Text type="secondary">
                  {[a.participants, a.createdByName].filter(Boolean).join(' · ')}
                </Typography.Text>
              </Flex>
            </List.Item>
          );
        }}
      />
      {editing ? (
        <ActivityFormModal
          projectId={props.projectId}
          activity={editing === 'new' ? null : editing}
          onClose={() => setEditing(null)}
        />
      ) : null}
    </Card>
  );
}
