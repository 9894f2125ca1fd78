import { useQuery } from '@tanstack/react-query';
import { Alert, App, type ButtonProps, Form, Input, Modal, Select } from 'antd';
import { useState } from 'react';
import {
  PROBLEM_CATEGORIES,
  PROBLEM_CATEGORY_LABELS,
  type ProblemCategory,
} from '../../../domain/landing/landing-codes.js';
import type { ProblemDetail } from '../../../domain/landing/problems.schemas.js';
import { api, errorText, isApiError } from '../../app/api.js';
import { useLang, useT } from '../../app/i18n.js';
import { useDebounced } from '../../app/use-debounced.js';
import { useCreateProblem } from './problems.api.js';
import { problemsMessages } from './problems.messages.js';

interface Values {
  projectId: string;
  title: string;
  description: string;
  category: ProblemCategory;
}

/** Projects the caller reads, searched as they type (from the list page; the project tab fixes the project). */
function ProjectPicker(props: { id?: string; value?: string; onChange?: (v: string) => void }) {
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
      showSearch={{ filterOption: false, onSearch: setSearch, searchValue: search }}
      loading={projects.isFetching}
      options={(projects.data?.items ?? []).map((p) => ({
        value: p.id,
        label: `${p.name}（${p.unitName}）`,
      }))}
    />
  );
}

/** 反映问题: mounted only while open; `projectId` fixed when opened from the project's tab. */
export function ProblemFormModal(props: {
  projectId: string | null;
  onClose: (saved?: ProblemDetail) => void;
}) {
  const t = useT(problemsMessages);
  const lang = useLang();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const create = useCreateProblem();

  const submit = (v: Values) =>
    create.mutate(
      {
        projectId: props.projectId ?? v.projectId,
        title: v.title.trim(),
        description: v.description.trim(),
        category: v.category,
      },
      {
        onSuccess: (saved) => {
          void message.success(t.created);
          props.onClose(saved);
        },
        onError: (err) => {
          if (!isApiError(err) || !err.fields) return;
          form.setFields(
            Object.entries(err.fields).map(([k, f]) => ({
              name: k as keyof Values,
              errors: [lang === 'zh' ? f.messageZh : f.message],
            })),
          );
        },
      },
    );

  return (
    <Modal
      open
      title={t.add}
      okText={t.submit}
      onOk={() => form.submit()}
      confirmLoading={create.isPending}
      onCancel={() => props.onClose()}
      destroyOnHidden
      okButtonProps={{ 'data-testid': 'problem-form-submit' } as ButtonProps}
    >
      {create.isError && !(isApiError(create.error) && create.error.fields) ? (
        <Alert type="error" showIcon message={errorText(create.error, lang)} style={{ marginBottom: 12 }} />
      ) : null}
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={{ category: 'land' }}
        onFinish={submit}
        data-testid="problem-form"
      >
        {!props.projectId ? (
          <Form.Item name="projectId" label={t.project} rules={[{ required: true, message: t.project }]}>
            <ProjectPicker />
          </Form.Item>
        ) : null}
        <Form.Item name="title" label={t.problemTitle} rules={[{ required: true, min: 2, max: 100 }]}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="category" label={t.category} rules={[{ required: true }]}>
          <Select
            options={PROBLEM_CATEGORIES.map((c) => ({ value: c, label: PROBLEM_CATEGORY_LABELS[c][lang] }))}
          />
        </Form.Item>
        <Form.Item name="description" label={t.description} rules={[{ required: true, max: 4000 }]}>
          <Input.TextArea rows={4} maxLength={4000} showCount />
        </Form.Item>
      </Form>
    </Modal>
  );
}
