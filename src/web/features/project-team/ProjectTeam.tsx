import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, App, Button, Flex, Form, Input, Select, Switch, Table, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { TEAM_ROLE_LABELS, TEAM_ROLES, type TeamRole } from '../../../domain/landing/landing-codes.js';
import { FIRST_CONTACT_PHONE } from '../../../domain/project-team/project-team.schemas.js';
import type { ProjectView } from '../../../domain/projects/projects.schemas.js';
import { applyFieldErrors } from '../../app/form-errors.js';
import { useLang, useT } from '../../app/i18n.js';
import { ApiErrorAlert } from '../../components/ApiErrorAlert.js';
import { useUnits } from '../organization/organization.api.js';
import { useProjectTeam, useSaveProjectTeam } from './project-team.api.js';
import { projectTeamMessages } from './project-team.messages.js';

interface Member {
  key: string;
  unitId: string | null;
  name: string;
  role: TeamRole;
  duty: string;
}
interface Values {
  liaisonLeader: string;
  firstContactOfficer: string;
  firstContactPhone: string;
  greenChannel: boolean;
}

let nextKey = 0;

/** 专班, 包联领导, 首席服务员 and 绿色通道 of a project (a tab of its 落地服务 card), saved together. */
export function ProjectTeam({ project }: { project: ProjectView }) {
  const t = useT(projectTeamMessages);
  const lang = useLang();
  const { message } = App.useApp();
  const team = useProjectTeam(project.id);
  const save = useSaveProjectTeam(project.id);
  const units = useUnits({});
  const [form] = Form.useForm<Values>();
  const [members, setMembers] = useState<Member[]>([]);
  const [error, setError] = useState<unknown>(null);
  const data = team.data;
  const editable = data?.can.edit ?? false;

  useEffect(() => {
    if (!data) return;
    setMembers(
      data.members.map((m) => ({
        key: m.id,
        unitId: m.unitId,
        name: m.name,
        role: m.role,
        duty: m.duty ?? '',
      })),
    );
    form.setFieldsValue({
      liaisonLeader: data.liaisonLeader ?? '',
      firstContactOfficer: data.firstContactOfficer ?? '',
      firstContactPhone: data.firstContactPhone ?? '',
      greenChannel: data.greenChannel,
    });
  }, [data, form]);

  if (!data) return null;
  const patchMember = (key: string, p: Partial<Member>) =>
    setMembers((ms) => ms.map((m) => (m.key === key ? { ...m, ...p } : m)));

  const submit = async () => {
    // A refused form shows its own messages; nothing to throw.
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    setError(null);
    save.mutate(
      {
        version: data.version,
        members: members
          .filter((m) => m.name.trim())
          .map((m) => ({ unitId: m.unitId, name: m.name.trim(), role: m.role, duty: m.duty.trim() || null })),
        liaisonLeader: v.liaisonLeader?.trim() || null,
        firstContactOfficer: v.firstContactOfficer?.trim() || null,
        firstContactPhone: v.firstContactPhone?.trim() || null,
        greenChannel: v.greenChannel,
      },
      {
        onSuccess: () => void message.success(t.saved),
        onError: (err) => {
          if (!applyFieldErrors(form, err, lang)) setError(err);
        },
      },
    );
  };

  return (
    <Flex vertical gap={12} data-testid="project-team">
      {data.firstContactOverdue ? (
        <Alert
          type="warning"
          showIcon
          data-testid="first-contact-warning"
          title={t.overdue(data.firstContactWindowDays, data.daysLate)}
          description={editable ? t.overdueHint : undefined}
        />
      ) : null}
      <ApiErrorAlert error={error} />
      <Form<Values> form={form} layout="vertical" disabled={!editable}>
        <Flex gap={16} wrap>
          <Form.Item name="liaisonLeader" label={t.liaisonLeader} style={{ minWidth: 200 }}>
            <Input maxLength={50} />
          </Form.Item>
          <Form.Item
            name="firstContactOfficer"
            label={t.officer}
            style={{ minWidth: 200 }}
            extra={
              data.firstContactNamedOn
                ? t.namedOn(data.firstContactNamedOn)
                : data.signingDate
                  ? t.window(data.firstContactWindowDays, data.firstContactDueOn)
                  : undefined
            }
          >
            <Input maxLength={40} data-testid="first-contact-officer" />
          </Form.Item>
          <Form.Item
            name="firstContactPhone"
            label={t.phone}
            style={{ minWidth: 180 }}
            rules={[{ pattern: FIRST_CONTACT_PHONE, message: t.phone }]}
          >
            <Input maxLength={20} data-testid="first-contact-phone" />
          </Form.Item>
        </Flex>
        <Form.Item
          name="greenChannel"
          label={t.greenChannel}
          valuePropName="checked"
          extra={t.greenChannelHelp}
        >
          <Switch data-testid="green-channel" />
        </Form.Item>
      </Form>
      <Typography.Text strong>{t.members}</Typography.Text>
      <Table<Member>
        rowKey="key"
        size="small"
        pagination={false}
        dataSource={members}
        locale={{ emptyText: t.none }}
        columns={[
          {
            title: t.name,
            key: 'name',
            render: (_, m) => (
              <Input
                value={m.name}
                maxLength={40}
                disabled={!editable}
                onChange={(e) => patchMember(m.key, { name: e.target.value })}
              />
            ),
          },
          {
            title: t.unit,
            key: 'unit',
            render: (_, m) => (
              <Select
                allowClear
                showSearch
                optionFilterProp="label"
                style={{ minWidth: 180 }}
                value={m.unitId ?? undefined}
                disabled={!editable}
                onChange={(v) => patchMember(m.key, { unitId: v ?? null })}
                options={(units.data ?? [])
                  .filter((u) => u.active)
                  .map((u) => ({ value: u.id, label: u.name }))}
              />
            ),
          },
          {
            title: t.role,
            key: 'role',
            render: (_, m) => (
              <Select
                style={{ minWidth: 110 }}
                value={m.role}
                disabled={!editable}
                onChange={(v) => patchMember(m.key, { role: v })}
                options={TEAM_ROLES.map((r) => ({ value: r, label: TEAM_ROLE_LABELS[r][lang] }))}
              />
            ),
          },
          {
            title: t.duty,
            key: 'duty',
            render: (_, m) => (
              <Input
                value={m.duty}
                maxLength={200}
                disabled={!editable}
                onChange={(e) => patchMember(m.key, { duty: e.target.value })}
              />
            ),
          },
          ...(editable
            ? [
                {
                  title: '',
                  key: 'remove',
                  render: (_: unknown, m: Member) => (
                    <Button
                      type="text"
                      danger
                      icon={<DeleteOutlined />}
                      aria-label={t.remove}
                      onClick={() => setMembers((ms) => ms.filter((x) => x.key !== m.key))}
                    />
                  ),
                },
              ]
            : []),
        ]}
      />
      {editable ? (
        <Flex gap={8}>
          <Button
            icon={<PlusOutlined />}
            onClick={() =>
              setMembers((ms) => [
                ...ms,
                {
                  key: `new-${nextKey++}`,
                  unitId: null,
                  name: '',
                  role: ms.length === 0 ? 'leader' : 'member',
                  duty: '',
                },
              ])
            }
          >
            {t.addMember}
          </Button>
          <Button
            type="primary"
            loading={save.isPending}
            onClick={() => void submit()}
            data-testid="team-save"
          >
            {t.save}
          </Button>
        </Flex>
      ) : null}
    </Flex>
  );
}
