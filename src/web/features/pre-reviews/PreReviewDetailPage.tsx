import { DeleteOutlined, DownloadOutlined, UploadOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Card,
  Checkbox,
  DatePicker,
  Descriptions,
  Flex,
  Form,
  Input,
  Popconfirm,
  Radio,
  Select,
  Tag,
  Typography,
  Upload,
} from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import {
  DECISION_MEETING_LABELS,
  DECISION_MEETINGS,
  type DecisionMeeting,
  PRE_REVIEW_DECISION_LABELS,
  PRE_REVIEW_DECISIONS,
  PRE_REVIEW_VERDICT_LABELS,
  PRE_REVIEW_VERDICTS,
  type PreReviewDecision,
  type PreReviewVerdict,
} from '../../../domain/landing/landing-codes.js';
import type { OpinionView, PreReviewDetail } from '../../../domain/pre-reviews/pre-reviews.schemas.js';
import { errorText } from '../../app/api.js';
import { useCan, useCurrentUser } from '../../app/auth.js';
import { formatDateTime } from '../../app/dates.js';
import { applyFieldErrors } from '../../app/form-errors.js';
import { useLang, useT } from '../../app/i18n.js';
import { ApiErrorAlert } from '../../components/ApiErrorAlert.js';
import { formatDay, parseDay, todayInChina } from '../projects/project-format.js';
import { topicsText } from './PreReviewsListPage.js';
import { DecisionTag, ReviewStatusTag, VerdictTag } from './pre-review-tags.js';
import {
  useAnswerOpinion,
  useCancelPreReview,
  useDecidePreReview,
  useDeleteOpinionFile,
  usePreReview,
  useUploadOpinionFile,
} from './pre-reviews.api.js';
import { preReviewsMessages } from './pre-reviews.messages.js';

export function PreReviewDetailPage() {
  const { reviewId = '' } = useParams();
  const t = useT(preReviewsMessages);
  const lang = useLang();
  const can = useCan();
  const user = useCurrentUser();
  const { message } = App.useApp();
  const q = usePreReview(reviewId);
  const cancel = useCancelPreReview();
  const r = q.data;
  if (q.error) return <ApiErrorAlert error={q.error} />;
  if (!r) return <Card loading />;
  const isOpen = r.status === 'open';
  const mine = r.opinions.find((o) => o.departmentUnitId === user.unit.id);

  return (
    <Flex vertical gap={16}>
      <Card
        title={
          <Flex gap={8} align="center" wrap>
            {t.title} · {r.projectName}
            <ReviewStatusTag status={r.status} lang={lang} />
            {r.decision ? <DecisionTag decision={r.decision} lang={lang} /> : null}
          </Flex>
        }
        extra={
          isOpen && can('landing.coordinate') ? (
            <Popconfirm
              title={t.cancelConfirm}
              onConfirm={() =>
                cancel.mutate(
                  { id: r.id, version: r.version },
                  { onError: (err) => void message.error(errorText(err, lang)) },
                )
              }
            >
              <Button danger>{t.cancelReview}</Button>
            </Popconfirm>
          ) : null
        }
      >
        <Descriptions size="small" column={{ xs: 1, md: 2 }}>
          <Descriptions.Item label={t.project}>
            {r.allOpinionsVisible && can('pipeline.read') ? (
              <Link to={`/projects/${r.projectId}`}>{r.projectName}</Link>
            ) : (
              r.projectName
            )}
          </Descriptions.Item>
          <Descriptions.Item label={t.unit}>{r.unitName}</Descriptions.Item>
          <Descriptions.Item label={t.topics}>{topicsText(r.topics, lang)}</Descriptions.Item>
          <Descriptions.Item label={t.dueOn}>{r.dueOn}</Descriptions.Item>
          <Descriptions.Item label={t.reason}>{r.reason ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t.createdAt}>
            {formatDateTime(r.createdAt)}
            {r.createdByName ? ` · ${r.createdByName}` : ''}
          </Descriptions.Item>
        </Descriptions>
      </Card>

      <Card title={`${t.opinions} ${t.answered(r.opinionsAnswered, r.opinionsAsked)}`}>
        {!r.allOpinionsVisible ? (
          <Typography.Paragraph type="secondary">{t.onlyOwn}</Typography.Paragraph>
        ) : null}
        <Flex vertical gap={12} data-testid="pre-review-opinions">
          {r.opinions.map((o) => (
            <OpinionBlock
              key={o.id}
              review={r}
              opinion={o}
              own={o.id === mine?.id && can('landing.handle')}
            />
          ))}
        </Flex>
      </Card>

      {mine && can('landing.handle') && isOpen ? <OpinionForm review={r} opinion={mine} /> : null}

      {r.status === 'decided' ? (
        <Card title={t.decision} data-testid="pre-review-decision">
          <Descriptions size="small" column={1}>
            <Descriptions.Item label={t.decision}>
              {r.decision ? <DecisionTag decision={r.decision} lang={lang} /> : null}
            </Descriptions.Item>
            <Descriptions.Item label={t.meetingKind}>
              {r.meetingKind ? DECISION_MEETING_LABELS[r.meetingKind][lang] : '—'} · {r.meetingOn}
            </Descriptions.Item>
            <Descriptions.Item label={t.combinedOpinion}>
              <Typography.Text style={{ whiteSpace: 'pre-wrap' }}>{r.combinedOpinion}</Typography.Text>
            </Descriptions.Item>
            <Descriptions.Item label={t.decidedAt}>
              {formatDateTime(r.decidedAt)}
              {r.decidedByName ? ` · ${r.decidedByName}` : ''}
            </Descriptions.Item>
          </Descriptions>
        </Card>
      ) : null}
      {isOpen && can('landing.coordinate') ? <DecideForm review={r} /> : null}
    </Flex>
  );
}

function OpinionBlock({
  review,
  opinion: o,
  own,
}: {
  review: PreReviewDetail;
  opinion: OpinionView;
  own: boolean;
}) {
  const t = useT(preReviewsMessages);
  const lang = useLang();
  const remove = useDeleteOpinionFile();
  return (
    <Card
      size="small"
      type="inner"
      data-testid={`opinion-${o.departmentName}`}
      title={
        <Flex gap={8} align="center" wrap>
          {o.departmentName}
          {o.verdict ? (
            <VerdictTag verdict={o.verdict} lang={lang} />
          ) : (
            <Tag color={o.overdue ? 'error' : 'default'}>{o.overdue ? t.overdue : t.waiting}</Tag>
          )}
          {o.late && o.verdict ? <Tag color="error">{t.late}</Tag> : null}
        </Flex>
      }
      extra={<Typography.Text type="secondary">{`${t.dueOn} ${o.dueOn}`}</Typography.Text>}
    >
      <Typography.Paragraph type="secondary" style={{ marginBottom: 4 }}>
        {t.deptTopics}：{topicsText(o.topics, lang)}
      </Typography.Paragraph>
      {o.opinion ? (
        <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{o.opinion}</Typography.Paragraph>
      ) : null}
      {o.answeredAt ? (
        <Typography.Text type="secondary">
          {t.answeredBy(o.answeredByName ?? '', formatDateTime(o.answeredAt))}
        </Typography.Text>
      ) : null}
      {o.files.length ? (
        <Flex gap={8} wrap style={{ marginTop: 8 }}>
          {o.files.map((f) => (
            <Flex key={f.id} gap={2} align="center">
              <a href={`/api/pre-reviews/${review.id}/opinions/${o.id}/files/${f.id}`} download={f.filename}>
                <DownloadOutlined /> {f.filename}
              </a>
              {own && review.status === 'open' ? (
                <Popconfirm
                  title={t.cancel}
                  onConfirm={() => remove.mutate({ reviewId: review.id, opinionId: o.id, id: f.id })}
                >
                  <Button size="small" type="text" danger icon={<DeleteOutlined />} />
                </Popconfirm>
              ) : null}
            </Flex>
          ))}
        </Flex>
      ) : null}
    </Card>
  );
}

function OpinionForm({ review, opinion }: { review: PreReviewDetail; opinion: OpinionView }) {
  const t = useT(preReviewsMessages);
  const lang = useLang();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ verdict: PreReviewVerdict; opinion?: string }>();
  const answer = useAnswerOpinion();
  const upload = useUploadOpinionFile();
  const [error, setError] = useState<unknown>(null);
  const verdict = Form.useWatch('verdict', form);
  const submit = async () => {
    const v = await form.validateFields().catch(() => null);
    if (!v) return; // the form shows what is missing
    answer.mutate(
      {
        reviewId: review.id,
        opinionId: opinion.id,
        input: { verdict: v.verdict, opinion: v.opinion?.trim() || null },
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
    <Card title={t.myOpinion} data-testid="pre-review-opinion-form">
      <ApiErrorAlert error={error} />
      <Form
        form={form}
        layout="vertical"
        initialValues={{ verdict: opinion.verdict ?? undefined, opinion: opinion.opinion ?? '' }}
      >
        <Form.Item
          name="verdict"
          label={t.verdict}
          rules={[{ required: true, message: t.required(t.verdict) }]}
        >
          <Radio.Group
            options={PRE_REVIEW_VERDICTS.map((v) => ({
              value: v,
              label: PRE_REVIEW_VERDICT_LABELS[v][lang],
            }))}
          />
        </Form.Item>
        <Form.Item
          name="opinion"
          label={t.opinion}
          rules={[
            { required: verdict === 'conditional' || verdict === 'disagree', message: t.opinionRequired },
          ]}
        >
          <Input.TextArea maxLength={4000} autoSize={{ minRows: 3, maxRows: 8 }} />
        </Form.Item>
        <Flex gap={8}>
          <Button type="primary" onClick={() => void submit()} loading={answer.isPending}>
            {t.submitOpinion}
          </Button>
          <Upload
            showUploadList={false}
            customRequest={({ file, onSuccess, onError }) =>
              upload.mutate(
                { reviewId: review.id, opinionId: opinion.id, file: file as File },
                {
                  onSuccess: (r) => onSuccess?.(r),
                  onError: (err) => {
                    void message.error(errorText(err, lang));
                    onError?.(err as Error);
                  },
                },
              )
            }
          >
            <Button icon={<UploadOutlined />} loading={upload.isPending}>
              {t.upload}
            </Button>
          </Upload>
        </Flex>
      </Form>
    </Card>
  );
}

interface DecideValues {
  combinedOpinion: string;
  decision: PreReviewDecision;
  meetingKind: DecisionMeeting;
  meetingOn: Dayjs;
  confirmIncomplete?: boolean;
}

function DecideForm({ review }: { review: PreReviewDetail }) {
  const t = useT(preReviewsMessages);
  const lang = useLang();
  const { message } = App.useApp();
  const [form] = Form.useForm<DecideValues>();
  const decide = useDecidePreReview();
  const [error, setError] = useState<unknown>(null);
  const missing = review.opinionsAsked - review.opinionsAnswered;
  const submit = async () => {
    const v = await form.validateFields().catch(() => null);
    if (!v) return; // the form shows what is missing
    decide.mutate(
      {
        id: review.id,
        input: {
          version: review.version,
          combinedOpinion: v.combinedOpinion.trim(),
          decision: v.decision,
          meetingKind: v.meetingKind,
          meetingOn: formatDay(v.meetingOn) ?? '',
          confirmIncomplete: v.confirmIncomplete ?? false,
        },
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
    <Card title={t.decide} data-testid="pre-review-decide-form">
      <ApiErrorAlert error={error} />
      {missing > 0 ? (
        <Alert type="warning" showIcon message={t.missing(missing)} style={{ marginBottom: 12 }} />
      ) : null}
      <Form<DecideValues>
        form={form}
        layout="vertical"
        initialValues={{ meetingOn: parseDay(todayInChina()) }}
      >
        <Form.Item
          name="combinedOpinion"
          label={t.combinedOpinion}
          rules={[{ required: true, message: t.required(t.combinedOpinion) }]}
        >
          <Input.TextArea maxLength={4000} autoSize={{ minRows: 3, maxRows: 8 }} />
        </Form.Item>
        <Form.Item
          name="decision"
          label={t.decision}
          rules={[{ required: true, message: t.required(t.decision) }]}
        >
          <Radio.Group
            options={PRE_REVIEW_DECISIONS.map((d) => ({
              value: d,
              label: PRE_REVIEW_DECISION_LABELS[d][lang],
            }))}
          />
        </Form.Item>
        <Flex gap={16} wrap>
          <Form.Item
            name="meetingKind"
            label={t.meetingKind}
            rules={[{ required: true, message: t.required(t.meetingKind) }]}
            style={{ width: 200 }}
          >
            <Select
              data-testid="pre-review-meeting"
              options={DECISION_MEETINGS.map((m) => ({ value: m, label: DECISION_MEETING_LABELS[m][lang] }))}
            />
          </Form.Item>
          <Form.Item
            name="meetingOn"
            label={t.meetingOn}
            rules={[{ required: true, message: t.required(t.meetingOn) }]}
          >
            <DatePicker />
          </Form.Item>
        </Flex>
        {missing > 0 ? (
          <Form.Item
            name="confirmIncomplete"
            valuePropName="checked"
            rules={[
              {
                validator: (_, v) => (v ? Promise.resolve() : Promise.reject(new Error(t.confirmIncomplete))),
              },
            ]}
          >
            <Checkbox>{t.confirmIncomplete}</Checkbox>
          </Form.Item>
        ) : null}
        <Button type="primary" onClick={() => void submit()} loading={decide.isPending}>
          {t.decide}
        </Button>
      </Form>
    </Card>
  );
}
