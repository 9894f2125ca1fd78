import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { App, Button, Checkbox, DatePicker, Flex, Form, Input, Modal, Select, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import {
  PRE_REVIEW_TOPIC_LABELS,
  PRE_REVIEW_TOPICS,
  type PreReviewTopic,
} from '../../../domain/landing/landing-codes.js';
import { applyFieldErrors } from '../../app/form-errors.js';
import { useLang, useT } from '../../app/i18n.js';
import { ApiErrorAlert } from '../../components/ApiErrorAlert.js';
import { useUnits } from '../organization/organization.api.js';
import { formatDay, todayInChina } from '../projects/project-format.js';
import { useOpenPreReview, usePreReviewCandidates } from './pre-reviews.api.js';
import { preReviewsMessages } from './pre-reviews.messages.js';

interface Values {
  topics: PreReviewTopic[];
  departments: { departmentUnitId?: string; topics?: PreReviewTopic[] }[];
  dueOn?: Dayjs | null;
  reason?: string;
}

/** The center opens a pre-review of one project: topics, departments each with its topics, due date, reason. */
export function OpenPreReviewModal(props: { projectId: string; projectName: string; onClose: () => void }) {
  const t = useT(preReviewsMessages);
  const lang = useLang();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [form] = Form.useForm<Values>();
  const open = useOpenPreReview();
  const units = useUnits({});
  const settings = usePreReviewCandidates();
  const [error, setError] = useState<unknown>(null);
  const departments = (units.data ?? []).filter((u) => u.kind === 'department' && u.active);
  const topics = Form.useWatch('topics', form) ?? [];
  const topicOptions = PRE_REVIEW_TOPICS.map((k) => ({ value: k, label: PRE_REVIEW_TOPIC_LABELS[k][lang] }));

  const submit = async () => {
    const v = await form.validateFields().catch(() => null);
    if (!v) return; // the form shows what is missing
    open.mutate(
      {
        projectId: props.projectId,
        topics: v.topics,
        departments: v.departments
          .filter((d) => d.departmentUnitId)
          .map((d) => ({
            departmentUnitId: d.departmentUnitId as string,
            // A department left without its own topics answers on all of the review's.
            topics: d.topics?.length ? d.topics.filter((x) => v.topics.includes(x)) : v.topics,
          })),
        dueOn: formatDay(v.dueOn) ?? undefined,
        reason: v.reason?.trim() || null,
      },
      {
        onSuccess: (r) => {
          void message.success(t.saved);
          props.onClose();
          navigate(`/landing/pre-reviews/${r.id}`);
        },
        onError: (err) => {
          if (!applyFieldErrors(form, err, lang)) setError(err);
        },
      },
    );
  };

  return (
    <Modal
      open
      width={720}
      title={`${t.open} · ${props.projectName}`}
      okText={t.open}
      cancelText={t.cancel}
      onOk={() => void submit()}
      okButtonProps={{ loading: open.isPending }}
      onCancel={props.onClose}
      destroyOnHidden
    >
      <ApiErrorAlert error={error} />
      <Form<Values> form={form} layout="vertical" initialValues={{ topics: [], departments: [{}] }}>
        <Form.Item name="topics" label={t.topics} rules={[{ required: true, message: t.mustPickTopics }]}>
          <Checkbox.Group options={topicOptions} />
        </Form.Item>
        <Typography.Text strong>{t.departments}</Typography.Text>
        <Form.List name="departments">
          {(fields, { add, remove }) => (
            <Flex vertical gap={4} style={{ marginTop: 8 }}>
              {fields.map((f) => (
                <Flex key={f.key} gap={8} align="start">
                  <Form.Item
                    name={[f.name, 'departmentUnitId']}
                    rules={[{ required: true, message: t.required(t.departments) }]}
                    style={{ width: 220, marginBottom: 8 }}
                  >
                    <Select
                      showSearch
                      optionFilterProp="label"
                      placeholder={t.departments}
                      data-testid="pre-review-department"
                      options={departments.map((d) => ({ value: d.id, label: d.name }))}
                    />
                  </Form.Item>
                  <Form.Item name={[f.name, 'topics']} style={{ flex: 1, marginBottom: 8 }}>
                    <Select
                      mode="multiple"
                      placeholder={t.deptTopics}
                      options={topicOptions.filter((o) => topics.includes(o.value))}
                    />
                  </Form.Item>
                  {fields.length > 1 ? (
                    <Button type="text" icon={<MinusCircleOutlined />} onClick={() => remove(f.name)} />
                  ) : null}
                </Flex>
              ))}
              <Button icon={<PlusOutlined />} onClick={() => add({})} style={{ alignSelf: 'start' }}>
                {t.addDepartment}
              </Button>
            </Flex>
          )}
        </Form.List>
        <Form.Item
          name="dueOn"
          label={t.dueOn}
          extra={settings.data ? t.dueDefault(settings.data.opinionDays) : null}
          style={{ marginTop: 16 }}
        >
          <DatePicker disabledDate={(d) => d.format('YYYY-MM-DD') < todayInChina()} />
        </Form.Item>
        <Form.Item name="reason" label={t.reason}>
          <Input.TextArea maxLength={500} autoSize={{ minRows: 1, maxRows: 3 }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
