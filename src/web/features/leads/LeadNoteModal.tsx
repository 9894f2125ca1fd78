import { DatePicker, Form, Input, Modal } from 'antd';
import type { Dayjs } from 'dayjs';
import type { LeadView } from '../../../domain/leads/leads.schemas.js';
import { applyFieldErrors } from '../../app/form-errors.js';
import { useLang, useT } from '../../app/i18n.js';
import { ApiErrorAlert } from '../../components/ApiErrorAlert.js';
import { afterToday, formatDay, parseDay, todayInChina } from '../projects/project-format.js';
import { useLeadAction } from './leads.api.js';
import { leadsMessages } from './leads.messages.js';

type NoteAction = 'respond' | 'feedback' | 'progress-report';

/** A dated step with a note: the response (note optional), the feedback, a progress report. */
export function LeadNoteModal(props: {
  lead: LeadView;
  action: NoteAction;
  title: string;
  onClose: () => void;
}) {
  const t = useT(leadsMessages);
  const lang = useLang();
  const [form] = Form.useForm<{ on: Dayjs; note?: string }>();
  const mutation = useLeadAction(props.action);
  const noteRequired = props.action !== 'respond';
  return (
    <Modal
      open
      title={props.title}
      okText={t.save}
      cancelText={t.cancel}
      confirmLoading={mutation.isPending}
      onOk={() => form.submit()}
      onCancel={props.onClose}
    >
      <Form
        form={form}
        name={`lead-${props.action}`}
        layout="vertical"
        initialValues={{ on: parseDay(todayInChina()) }}
        onFinish={(v) =>
          mutation.mutate(
            {
              id: props.lead.id,
              body: { version: props.lead.version, on: formatDay(v.on)!, note: v.note?.trim() ?? '' },
            },
            { onSuccess: props.onClose, onError: (err) => applyFieldErrors(form, err, lang) },
          )
        }
      >
        <Form.Item name="on" label={t.on} rules={[{ required: true, message: t.required }]}>
          <DatePicker
            format="YYYY-MM-DD"
            disabledDate={(d) => afterToday(d) || d.format('YYYY-MM-DD') < props.lead.receivedOn}
          />
        </Form.Item>
        <Form.Item
          name="note"
          label={t.note}
          rules={noteRequired ? [{ required: true, whitespace: true, message: t.noteRequired }] : []}
        >
          <Input.TextArea rows={3} maxLength={1000} />
        </Form.Item>
      </Form>
      <ApiErrorAlert error={mutation.error} />
    </Modal>
  );
}
