import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Flex,
  Input,
  Popconfirm,
  Row,
  Select,
  Space,
  Tabs,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import type { TextAreaRef } from 'antd/es/input/TextArea.js';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import type { SchemeError, SchemeItem } from '../../../domain/assessment/scheme.js';
import type { SchemeView } from '../../../domain/assessment/schemes.schemas.js';
import { errorText } from '../../app/api.js';
import { useCan } from '../../app/auth.js';
import { useLang, useT } from '../../app/i18n.js';
import { useDebounced } from '../../app/use-debounced.js';
import { ErrorResult } from '../../components/ErrorResult.js';
import { FullPageSpin } from '../../components/FullPageSpin.js';
import { FormulaWithMark, MONO } from './FormulaText.js';
import { HelpPanel } from './HelpPanel.js';
import { PreviewPanel } from './PreviewPanel.js';
import { SchemeStatusTags } from './SchemesListPage.js';
import { useScheme, useSchemeAction, useSchemeCheck, useUpdateScheme } from './schemes.api.js';
import { schemesMessages } from './schemes.messages.js';

/** What the editor holds for one item: every field as text, so a half-typed number stays as typed. */
interface ItemRow {
  uid: number;
  key: string;
  name: string;
  points: string;
  group: string;
  ifMissing: string;
  formula: string;
}

let nextUid = 1;
const rowOf = (i: SchemeItem): ItemRow => ({
  uid: nextUid++,
  key: i.key,
  name: i.name,
  points: String(i.points),
  group: i.group ?? '',
  ifMissing: i.ifMissing === undefined ? '' : String(i.ifMissing),
  formula: i.formula,
});
const itemOf = (r: ItemRow): SchemeItem => ({
  key: r.key,
  name: r.name,
  points: r.points,
  formula: r.formula,
  ...(r.group ? { group: r.group } : {}),
  ...(r.ifMissing.trim() ? { ifMissing: r.ifMissing } : {}),
});

export function SchemeEditorPage() {
  const { schemeId = '' } = useParams();
  const scheme = useScheme(schemeId);
  if (scheme.isPending) return <FullPageSpin />;
  if (scheme.isError) return <ErrorResult error={scheme.error} onRetry={() => void scheme.refetch()} />;
  // Keyed by version and update time: a save or a revision loads the editor afresh.
  return <Editor key={`${scheme.data.id}:${scheme.data.updatedAt}`} scheme={scheme.data} />;
}

function Editor({ scheme }: { scheme: SchemeView }) {
  const t = useT(schemesMessages);
  const lang = useLang();
  const can = useCan();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const manage = can('assessment.manage');
  const editable = manage && scheme.status === 'draft';
  const [name, setName] = useState(scheme.name);
  const [rows, setRows] = useState<ItemRow[]>(() => scheme.items.map(rowOf));
  const [tab, setTab] = useState('items');
  const update = useUpdateScheme(scheme.id);
  const action = useSchemeAction();

  const items = useMemo(() => rows.map(itemOf), [rows]);
  const checkedItems = useDebounced(items, 300);
  const check = useSchemeCheck(checkedItems, editable);
  const errors = check.data?.errors ?? [];
  const settled = checkedItems === items && !check.isFetching;
  const dirty =
    name !== scheme.name ||
    JSON.stringify(items) !== JSON.stringify(scheme.items.map((i) => itemOf(rowOf(i))));

  // Insert at the cursor of the formula last edited (the help panel's 插入).
  const formulaRefs = useRef(new Map<number, TextAreaRef>());
  const cursor = useRef<{ uid: number; pos: number } | null>(null);
  const [pendingCaret, setPendingCaret] = useState<{ uid: number; pos: number } | null>(null);
  useEffect(() => {
    if (!pendingCaret) return;
    const el = formulaRefs.current.get(pendingCaret.uid)?.resizableTextArea?.textArea;
    if (el) {
      el.focus();
      el.setSelectionRange(pendingCaret.pos, pendingCaret.pos);
    }
    setPendingCaret(null);
  }, [pendingCaret]);

  const setRow = (uid: number, patch: Partial<ItemRow>) =>
    setRows((rs) => rs.map((r) => (r.uid === uid ? { ...r, ...patch } : r)));
  const move = (i: number, d: -1 | 1) =>
    setRows((rs) => {
      const next = [...rs];
      const [r] = next.splice(i, 1);
      next.splice(i + d, 0, r!);
      return next;
    });
  const insert = (text: string, caretBack = 0) => {
    const target =
      cursor.current ?? (rows.length ? { uid: rows[rows.length - 1]!.uid, pos: Infinity } : null);
    if (!target) return;
    const row = rows.find((r) => r.uid === target.uid);
    if (!row) return;
    const pos = Math.min(target.pos, row.formula.length);
    setRow(row.uid, { formula: row.formula.slice(0, pos) + text + row.formula.slice(pos) });
    const caret = pos + text.length - caretBack;
    cursor.current = { uid: row.uid, pos: caret };
    setPendingCaret({ uid: row.uid, pos: caret });
  };

  const fail = (err: unknown) => void message.error(errorText(err, lang));
  const save = () =>
    update.mutate(
      { name: name.trim() || scheme.name, items },
      { onSuccess: () => void message.success(t.saved), onError: fail },
    );
  const run = (a: 'publish' | 'revise') =>
    action.mutate(
      { id: scheme.id, action: a },
      {
        onSuccess: (s) => {
          void message.success(a === 'publish' ? t.published_ok : t.revised);
          if (s.id !== scheme.id) navigate(`/assessment/schemes/${s.id}`);
        },
        onError: fail,
      },
    );

  const byItem = new Map<number, SchemeError[]>();
  for (const e of errors) byItem.set(e.item, [...(byItem.get(e.item) ?? []), e]);
  const fieldLabel: Record<SchemeError['field'], string> = {
    key: t.fieldKey,
    name: t.fieldName,
    points: t.fieldPoints,
    ifMissing: t.fieldIfMissing,
    formula: t.fieldFormula,
  };
  const groupOptions = [
    { value: '', label: t.groupAll },
    { value: 'town', label: t.groupTown },
    { value: 'department', label: t.groupDepartment },
    { value: 'park', label: t.groupPark },
    { value: 'team', label: t.groupTeam },
  ];

  const header = (
    <Flex gap={8} align="center" wrap>
      {editable ? (
        <Input
          aria-label={t.name}
          value={name}
          onChange={(e) => setName(e.target.value)}
          maxLength={100}
          style={{ width: 320 }}
        />
      ) : (
        <span>{scheme.name}</span>
      )}
      <Tag>{t.yearLabel(scheme.year)}</Tag>
      <Tag>{t.versionLabel(scheme.version)}</Tag>
      <SchemeStatusTags s={scheme} />
    </Flex>
  );
  const actions = (
    <Space wrap>
      {editable && dirty ? <Typography.Text type="warning">{t.unsaved}</Typography.Text> : null}
      {editable ? (
        <Button type="primary" onClick={save} loading={update.isPending} disabled={!dirty}>
          {t.save}
        </Button>
      ) : null}
      {editable ? (
        <Popconfirm
          title={t.publishConfirm}
          onConfirm={() => run('publish')}
          disabled={dirty || errors.length > 0}
        >
          <Button disabled={dirty || errors.length > 0} loading={action.isPending}>
            {t.publish}
          </Button>
        </Popconfirm>
      ) : null}
      {manage && scheme.status === 'published' ? (
        <Button type="primary" onClick={() => run('revise')} loading={action.isPending}>
          {t.revise}
        </Button>
      ) : null}
    </Space>
  );

  const editor = (
    <Row gutter={16}>
      <Col xs={24} xl={16}>
        {scheme.status === 'published' ? (
          <Alert
            type="info"
            showIcon
            style={{ marginBottom: 12 }}
            title={t.readOnlyPublished}
            description={manage ? t.reviseHint : undefined}
          />
        ) : null}
        {editable ? (
          <Flex gap={8} align="center" style={{ marginBottom: 12 }} aria-live="polite">
            {!settled ? (
              <Typography.Text type="secondary">{t.checking}</Typography.Text>
            ) : errors.length === 0 ? (
              <Typography.Text type="success">{t.checkOk}</Typography.Text>
            ) : (
              <Typography.Text type="danger">{t.errorsCount(errors.length)}</Typography.Text>
            )}
          </Flex>
        ) : null}
        {(byItem.get(-1) ?? []).map((e) => (
          <Alert
            key={e.message}
            type="error"
            showIcon
            style={{ marginBottom: 12 }}
            title={lang === 'zh' ? e.messageZh : e.message}
          />
        ))}
        <Flex vertical gap={12}>
          {rows.map((r, i) => {
            const errs = byItem.get(i) ?? [];
            const of = (f: SchemeError['field']) => errs.filter((e) => e.field === f);
            const status = (f: SchemeError['field']) => (of(f).length ? ('error' as const) : undefined);
            return (
              <Card
                key={r.uid}
                size="small"
                data-testid={`scheme-item-${i + 1}`}
                title={`${t.itemTitle(i + 1)}${r.name ? ` · ${r.name}` : ''}`}
                extra={
                  editable ? (
                    <Space size={0}>
                      <Tooltip title={t.moveUp}>
                        <Button
                          type="text"
                          size="small"
                          icon={<ArrowUpOutlined />}
                          disabled={i === 0}
                          onClick={() => move(i, -1)}
                          aria-label={t.moveUp}
                        />
                      </Tooltip>
                      <Tooltip title={t.moveDown}>
                        <Button
                          type="text"
                          size="small"
                          icon={<ArrowDownOutlined />}
                          disabled={i === rows.length - 1}
                          onClick={() => move(i, 1)}
                          aria-label={t.moveDown}
                        />
                      </Tooltip>
                      <Tooltip title={t.removeItem}>
                        <Button
                          type="text"
                          size="small"
                          danger
                          icon={<DeleteOutlined />}
                          disabled={rows.length === 1}
                          onClick={() => setRows((rs) => rs.filter((x) => x.uid !== r.uid))}
                          aria-label={t.removeItem}
                        />
                      </Tooltip>
                    </Space>
                  ) : null
                }
              >
                <Row gutter={[8, 8]}>
                  <Col xs={12} md={5}>
                    <Typography.Text type="secondary">{t.itemKey}</Typography.Text>
                    <Input
                      aria-label={`${t.itemKey} ${i + 1}`}
                      value={r.key}
                      disabled={!editable}
                      status={status('key')}
                      onChange={(e) => setRow(r.uid, { key: e.target.value })}
                      style={MONO}
                    />
                  </Col>
                  <Col xs={12} md={7}>
                    <Typography.Text type="secondary">{t.itemName}</Typography.Text>
                    <Input
                      aria-label={`${t.itemName} ${i + 1}`}
                      value={r.name}
                      disabled={!editable}
                      status={status('name')}
                      onChange={(e) => setRow(r.uid, { name: e.target.value })}
                    />
                  </Col>
                  <Col xs={8} md={3}>
                    <Typography.Text type="secondary">{t.points}</Typography.Text>
                    <Input
                      aria-label={`${t.points} ${i + 1}`}
                      value={r.points}
                      disabled={!editable}
                      status={status('points')}
                      inputMode="decimal"
                      onChange={(e) => setRow(r.uid, { points: e.target.value })}
                    />
                  </Col>
                  <Col xs={8} md={5}>
                    <Typography.Text type="secondary">{t.group}</Typography.Text>
                    <Select
                      aria-label={`${t.group} ${i + 1}`}
                      value={r.group}
                      disabled={!editable}
                      options={groupOptions}
                      onChange={(g) => setRow(r.uid, { group: g })}
                      style={{ width: '100%' }}
                    />
                  </Col>
                  <Col xs={8} md={4}>
                    <Tooltip title={t.ifMissingHint}>
                      <Typography.Text type="secondary">{t.ifMissing}</Typography.Text>
                    </Tooltip>
                    <Input
                      aria-label={`${t.ifMissing} ${i + 1}`}
                      value={r.ifMissing}
                      placeholder="0"
                      disabled={!editable}
                      status={status('ifMissing')}
                      inputMode="decimal"
                      onChange={(e) => setRow(r.uid, { ifMissing: e.target.value })}
                    />
                  </Col>
                  <Col span={24}>
                    <Typography.Text type="secondary">{t.formula}</Typography.Text>
                    <Input.TextArea
                      ref={(el) => {
                        if (el) formulaRefs.current.set(r.uid, el);
                        else formulaRefs.current.delete(r.uid);
                      }}
                      aria-label={`${t.formula} ${i + 1}`}
                      value={r.formula}
                      readOnly={!editable}
                      status={status('formula')}
                      autoSize={{ minRows: 2, maxRows: 8 }}
                      spellCheck={false}
                      style={MONO}
                      onChange={(e) => {
                        setRow(r.uid, { formula: e.target.value });
                        cursor.current = { uid: r.uid, pos: e.target.selectionStart };
                      }}
                      onSelect={(e) => {
                        cursor.current = { uid: r.uid, pos: e.currentTarget.selectionStart };
                      }}
                    />
                  </Col>
                </Row>
                {errs.length ? (
                  <Flex vertical gap={6} style={{ marginTop: 8 }} role="alert">
                    {errs.map((e, k) => (
                      // biome-ignore lint/suspicious/noArrayIndexKey: the checker's errors have no identity
                      <div key={k}>
                        <Typography.Text type="danger">
                          {fieldLabel[e.field]}：{lang === 'zh' ? e.messageZh : e.message}
                        </Typography.Text>
                        {e.field === 'formula' ? (
                          <FormulaWithMark formula={r.formula} start={e.start} end={e.end} />
                        ) : null}
                      </div>
                    ))}
                  </Flex>
                ) : null}
              </Card>
            );
          })}
        </Flex>
        {editable ? (
          <Button
            icon={<PlusOutlined />}
            style={{ marginTop: 12 }}
            onClick={() =>
              setRows((rs) => [
                ...rs,
                rowOf({ key: `item${rs.length + 1}`, name: '', points: 10, formula: '' }),
              ])
            }
          >
            {t.addItem}
          </Button>
        ) : null}
      </Col>
      <Col xs={24} xl={8}>
        <HelpPanel onInsert={editable ? insert : undefined} />
      </Col>
    </Row>
  );

  return (
    <Card title={header} extra={actions}>
      <Tabs
        activeKey={tab}
        onChange={setTab}
        items={[
          { key: 'items', label: t.editorTab, children: editor },
          ...(can('assessment.read_drafts')
            ? [
                {
                  key: 'preview',
                  label: t.previewTab,
                  children: (
                    <PreviewPanel
                      scheme={scheme}
                      items={editable ? items : undefined}
                      blocked={editable && errors.length > 0}
                    />
                  ),
                },
              ]
            : []),
        ]}
      />
    </Card>
  );
}
