import { SearchOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { AutoComplete, Tag } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { STAGE_LABELS, type Stage } from '../../../domain/projects/stages.js';
import { api } from '../../app/api.js';
import { useCan } from '../../app/auth.js';
import { defineMessages, useLang, useT } from '../../app/i18n.js';
import { useDebounced } from '../../app/use-debounced.js';

interface SearchResult {
  enterprises: { id: string; name: string; creditCode: string | null }[];
  projects: { id: string; name: string; stage: string; unitName: string }[];
  leads: { id: string; title: string; status: string; unitName: string }[];
}

const messages = defineMessages({
  zh: {
    placeholder: '搜索企业、项目、线索（中文、拼音、首字母、信用代码）',
    enterprises: '企业',
    projects: '项目',
    leads: '线索',
    nothing: '没有找到',
  },
  en: {
    placeholder: 'Search enterprises, projects, leads (Chinese, pinyin, initials, credit code)',
    enterprises: 'Enterprises',
    projects: 'Projects',
    leads: 'Leads',
    nothing: 'Nothing found',
  },
});

/** The header's search box: one query, results grouped by kind, Enter on a result opens it. */
export function GlobalSearch({ compact }: { compact: boolean }) {
  const t = useT(messages);
  const lang = useLang();
  const can = useCan();
  const navigate = useNavigate();
  const [text, setText] = useState('');
  const q = useDebounced(text.trim(), 250);
  const enabled = can('pipeline.read') && q.length > 0;
  const result = useQuery({
    queryKey: ['search', q],
    queryFn: () => api.get<SearchResult>('/api/search', { q }),
    enabled,
    staleTime: 10_000,
  });
  if (!can('pipeline.read')) return null;

  const data = enabled ? result.data : undefined;
  const stage = (s: string) => (s in STAGE_LABELS ? STAGE_LABELS[s as Stage][lang] : s);
  const groups = data
    ? [
        {
          label: t.enterprises,
          options: data.enterprises.map((e) => ({
            value: `/enterprises/${e.id}`,
            label: (
              <span>
                {e.name}
                {e.creditCode ? <Tag style={{ marginInlineStart: 8 }}>{e.creditCode}</Tag> : null}
              </span>
            ),
          })),
        },
        {
          label: t.projects,
          options: data.projects.map((p) => ({
            value: `/projects/${p.id}`,
            label: (
              <span>
                {p.name} <Tag>{stage(p.stage)}</Tag>
                <span style={{ opacity: 0.6 }}>{p.unitName}</span>
              </span>
            ),
          })),
        },
        {
          label: t.leads,
          options: data.leads.map((l) => ({
            value: `/leads/${l.id}`,
            label: (
              <span>
                {l.title} <span style={{ opacity: 0.6 }}>{l.unitName}</span>
              </span>
            ),
          })),
        },
      ].filter((g) => g.options.length > 0)
    : [];

  return (
    <AutoComplete
      value={text}
      options={groups}
      onChange={setText}
      onSelect={(path: string) => {
        setText('');
        void navigate(path);
      }}
      notFoundContent={data && groups.length === 0 ? t.nothing : null}
      style={{ width: compact ? 120 : 420 }}
      popupMatchSelectWidth={compact ? 320 : true}
      data-testid="global-search"
      allowClear
      prefix={<SearchOutlined />}
      placeholder={t.placeholder}
      aria-label={t.placeholder}
    />
  );
}
