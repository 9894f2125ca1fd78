import { useQuery } from '@tanstack/react-query';
import { Alert, App, type ButtonProps, DatePicker, Form, Input, Modal, Select, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useEffect } from 'react';
import { useNavigate } from 'react-router';
import type { ProblemDetail } from '../../../domain/landing/problems.schemas.js';
import { api, errorText, isApiError } from '../../app/api.js';
import { applyFieldErrors } from '../../app/form-errors.js';
import { useLang, useT } from '../../app/i18n.js';
import { problemKeys } from '../problems/problems.api.js';
import { formatDay, todayInChina } from '../projects/project-format.js';
import { useProjectUnits } from '../projects/project-units.js';
import { useIssueSupervision } from './supervision.api.js';
import { supervisionMessages } from './supervision.messages.js';

interface Values {
  unitId?: string;
  subject?: string;
  body?: string;
  replyDueOn?: Dayjs;
}

/** 发督办单: to any active unit or department; a problem or project link comes from the address it was opened with. */
export function IssueSupervisionModal(props: {
  onClose: () => void;
  projectId?: string | null;
  problemId?: string | null;
}) {
  const t = useT(supervisionMessages);
  const lang = useLang();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const units = useProjectUnits();
  const issue = useIssueSupervision();
  const [form] = Form.useForm<Values>();
  // From a problem: addressed by default to its department (or, not yet assigned, to the project's unit).
  const problem = useQuery({
    queryKey: problemKeys.detail(props.problemId ?? ''),
    queryFn: () => api.get<ProblemDetail>(`/api/problems/${props.problemId}`),
    enabled: !!props.problemId,
  });
  const linked = problem.data?.problem;
  useEffect(() => {
    if (linked && !form.getFieldValue('unitId')) {
      form.setFieldsValue({
        unitId: linked.departmentUnitId ?? linked.unitId,
        subject: `关于“${linked.title}”的督办`.slice(0, 100),
      });
    }
  }, [linked, form]);

  const submit = (v: Values) =>
    issue.mutate(
      {
        unitId: v.unitId ?? '',
        subject: v.subject?.trim() ?? '',
        body: v.body?.trim() ?? '',
        replyDueOn: formatDay(v.replyDueOn) ?? '',
        projectId: props.projectId ?? null,
        problemId: props.problemId ?? null,
      },
      {
        onSuccess: (n) => {
          void message.success(t.issuedOk(n.numberLabel));
          props.onClose();
          void navigate(`/landing/supervision/${n.id}`);
        },
        onError: (err) => void applyFieldErrors(form, err, lang),
      },
    );

  return (
    <Modal
      open
      title={t.issue}
      okText={t.submit}
      cancelText={t.cancel}
      onOk={() => form.submit()}
      confirmLoading={issue.isPending}
      onCancel={props.onClose}
      destroyOnHidden
      okButtonProps={{ 'data-testid': 'supervision-issue-submit' } as ButtonProps}
    >
      {issue.isError && !(isApiError(issue.error) && issue.error.fields) ? (
        <Alert type="error" showIcon message={errorText(issue.error, lang)} style={{ marginBottom: 12 }} />
      ) : null}
      {linked ? (
        <Typography.Paragraph type="secondary">{`${t.problem}：${linked.title}`}</Typography.Paragraph>
      ) : null}
      <Form<Values> form={form} layout="vertical" onFinish={submit} data-testid="supervision-issue-form">
        <Form.Item name="unitId" label={t.unit} rules={[{ required: true, message: t.required }]}>
          <Select
            showSearch={{ optionFilterProp: 'label' }}
            options={units.formOptions}
            data-testid="supervision-issue-unit"
          />
        </Form.Item>
        <Form.Item name="subject" label={t.subject} rules={[{ required: true, min: 2, max: 100 }]}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="body" label={t.body} rules={[{ required: true, max: 4000 }]}>
          <Input.TextArea rows={4} maxLength={4000} />
        </Form.Item>
        <Form.Item name="replyDueOn" label={t.replyDueOn} rules={[{ required: true, message: t.required }]}>
          <DatePicker disabledDate={(d) => d.format('YYYY-MM-DD') < todayInChina()} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
