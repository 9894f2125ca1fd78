import { useQuery } from '@tanstack/react-query';
import { App, Checkbox, DatePicker, Form, Input, Modal, Radio, Select } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import {
  ACTIVITY_KIND_LABELS,
  ACTIVITY_KINDS,
  type ActivityKind,
  type ActivityView,
} from '../../../domain/activities/activities.schemas.js';
import { api } from '../../app/api.js';
import { applyFieldErrors } from '../../app/form-errors.js';
import { useLang, useT } from '../../app/i18n.js';
import { useDebounced } from '../../app/use-debounced.js';
import { ApiErrorAlert } from '../../components/ApiErrorAlert.js';
import { afterToday, formatDay, parseDay } from '../projects/project-format.js';
import { useCreateActivity, useUpdateActivity } from './activities.api.js';
import { activitiesMessages } from './activities.messages.js';

interface ActivityFormValues {
  projectId?: string;
  kind: ActivityKind;
  occurredOn: Dayjs;
  place?: string;
  participants?: string;
  ledByLeader: boolean;
  summary: string;
}

const text = (v: string | undefined) => v?.trim() || null;

/** Projects in the caller's scope, searched as the person types (the page-level 记录走访 picks one). */
function ProjectPicker(props: { id?: string; value?: string; onChange?: (v: string) => void }) {
  const t = useT(activitiesMessages);
  const [search, setSearch] = useState('');
  const q = useDebounced(search.trim(), 250);
  const projects = useQuery({
    queryKey: ['projects', 'picker', q],
    queryFn: () =>
      api.get<{ items: { id: string; name: string; unitName: string }[] }>('/api/projects', {
        q: q || undefined,
        page: 1,
        pageSize: 20,
      }),
  });
  return (
    <Select<string>
      id={props.id}
      value={props.value}
      onChange={props.onChange}
      placeholder={t.projectPlaceholder}
      showSearch={{ filterOption: false, onSearch: setSearch, searchValue: search }}
      loading={projects.isFetching}
      options={(projects.data?.items ?? []).map((p) => ({
        value: p.id,
        label: `${p.name}（${p.unitName}）`,
      }))}
    />
  );
}

/**
 * 记录走访 and 修改记录, one form. Mounted only while open. Without a fixed project (the /activities page)
 * the person picks one of the projects in their scope.
 */
export function ActivityFormModal(props: {
  activity?: ActivityView | null;
  projectId?: string;
  defaultKind?: ActivityKind;
  onClose: (saved?: ActivityView) => void;
}) {
  const t = useT(activitiesMessages);
  const lang = useLang();
  const { message } = App.useApp();
  const [form] = Form.useForm<ActivityFormValues>();
  const create = useCreateActivity();
  const update = useUpdateActivity();
  const before = props.activity ?? null;
  const mutation = before ? update : create;
  const kind = Form.useWatch('kind', form) ?? before?.kind ?? props.defaultKind ?? 'visit_out';

  const submit = (v: ActivityFormValues) => {
    const input = {
      kind: v.kind,
      occurredOn: formatDay(v.occurredOn)!,
      place: text(v.place),
      participants: text(v.participants),
      ledByLeader: v.ledByLeader,
      summary: v.summary.trim(),
    };
    const onError = (err: unknown) => applyFieldErrors(form, err, lang);
    const onSuccess = (saved: ActivityView) => {
      void message.success(before ? t.saved : t.recorded);
      props.onClose(saved);
    };
    if (before) update.mutate({ id: before.id, patch: input }, { onSuccess, onError });
    else create.mutate({ projectId: props.projectId ?? v.projectId!, input }, { onSuccess, onError });
  };

  return (
    <Modal
      open
      title={before ? t.editActivity : t.record}
      okText={t.save}
      cancelText={t.cancel}
      confirmLoading={mutation.isPending}
      onOk={() => form.submit()}
      onCancel={() => props.onClose()}
      mask={{ closable: false }}
    >
      <Form<ActivityFormValues>
        form={form}
        name="activity"
        layout="vertical"
        requiredMark="optional"
        initialValues={{
          kind: before?.kind ?? props.defaultKind ?? 'visit_out',
          occurredOn: parseDay(before?.occurredOn ?? null) ?? undefined,
          place: before?.place ?? undefined,
          participants: before?.participants ?? undefined,
          ledByLeader: before?.ledByLeader ?? false,
          summary: before?.summary ?? '',
        }}
        onFinish={submit}
      >
        {!before && !props.projectId ? (
          <Form.Item
            name="projectId"
            label={t.project}
            rules={[{ required: true, message: t.choose(t.project) }]}
          >
            <ProjectPicker />
          </Form.Item>
        ) : null}
        <Form.Item name="kind" label={t.kind} rules={[{ required: true }]}>
          <Radio.Group
            optionType="button"
            options={ACTIVITY_KINDS.map((k) => ({ value: k, label: ACTIVITY_KIND_LABELS[k][lang] }))}
          />
        </Form.Item>
        <Form.Item
          name="occurredOn"
          label={t.occurredOn}
          rules={[{ required: true, message: t.choose(t.occurredOn) }]}
        >
          <DatePicker style={{ width: '100%' }} format="YYYY-MM-DD" disabledDate={afterToday} />
        </Form.Item>
        {kind !== 'call' ? (
          <>
            <Form.Item name="place" label={t.place} rules={[{ max: 100 }]}>
              <Input autoComplete="off" placeholder={t.placePlaceholder} />
            </Form.Item>
            <Form.Item name="participants" label={t.participants} rules={[{ max: 200 }]}>
              <Input autoComplete="off" placeholder={t.participantsPlaceholder} />
            </Form.Item>
            <Form.Item name="ledByLeader" valuePropName="checked">
              <Checkbox>{t.ledByLeader}</Checkbox>
            </Form.Item>
          </>
        ) : null}
        <Form.Item
          name="summary"
          label={t.summary}
          rules={[{ required: true, whitespace: true, message: t.required(t.summary) }, { max: 2000 }]}
        >
          <Input.TextArea rows={3} placeholder={t.summaryPlaceholder} />
        </Form.Item>
      </Form>
      <ApiErrorAlert error={mutation.error} />
    </Modal>
  );
}
