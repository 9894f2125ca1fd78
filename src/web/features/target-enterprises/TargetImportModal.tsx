import { DownloadOutlined, InboxOutlined } from '@ant-design/icons';
import { Alert, App, Button, Flex, Modal, Radio, Table, Tag, Typography, Upload } from 'antd';
import { useState } from 'react';
import type { TargetImportResult } from '../../../domain/network/targets.schemas.js';
import { errorText } from '../../app/api.js';
import { useLang, useT } from '../../app/i18n.js';
import { importTargets, targetsTemplateHref } from './target-enterprises.api.js';
import { targetEnterprisesMessages } from './target-enterprises.messages.js';

/** Upload → the check's table (problems by row and column, or what each row will do) → commit the same file. */
export function TargetImportModal(props: { onClose: () => void }) {
  const t = useT(targetEnterprisesMessages);
  const lang = useLang();
  const { message } = App.useApp();
  const [file, setFile] = useState<File | null>(null);
  const [existing, setExisting] = useState<'update' | 'skip'>('update');
  const [result, setResult] = useState<TargetImportResult | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  const run = async (step: 'check' | 'commit', f = file) => {
    if (!f) return;
    setBusy(true);
    setError(null);
    try {
      const r = await importTargets(f, step, existing);
      setResult(r);
      if (r.saved) {
        void message.success(t.imported(r.counts.create, r.counts.update, r.counts.skip));
        props.onClose();
      }
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  const problems = result?.problems ?? [];
  const checkedOk = result && !result.saved && problems.length === 0;

  return (
    <Modal
      open
      title={t.importTitle}
      width={860}
      onCancel={props.onClose}
      mask={{ closable: false }}
      footer={
        <Flex gap={8} justify="flex-end">
          <Button onClick={props.onClose}>{t.cancel}</Button>
          <Button
            type="primary"
            disabled={!checkedOk || busy}
            loading={busy}
            onClick={() => void run('commit')}
          >
            {t.commit}
          </Button>
        </Flex>
      }
    >
      <Flex vertical gap={12}>
        <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
          {t.importHelp}
        </Typography.Paragraph>
        <Flex gap={12} wrap align="center">
          <Button icon={<DownloadOutlined />} href={targetsTemplateHref} download>
            {t.template}
          </Button>
          <span>{t.existingMode}：</span>
          <Radio.Group
            value={existing}
            onChange={(e) => {
              setExisting(e.target.value);
              setResult(null);
            }}
            options={[
              { value: 'update', label: t.existingUpdate },
              { value: 'skip', label: t.existingSkip },
            ]}
          />
        </Flex>
        <Upload.Dragger
          accept=".xlsx"
          maxCount={1}
          showUploadList={file ? { showRemoveIcon: false } : false}
          fileList={file ? [{ uid: '1', name: file.name, status: 'done' }] : []}
          beforeUpload={(f) => {
            setFile(f);
            setResult(null);
            void run('check', f);
            return false;
          }}
          disabled={busy}
        >
          <p className="ant-upload-drag-icon">
            <InboxOutlined />
          </p>
          <p className="ant-upload-text">{t.chooseFile}</p>
        </Upload.Dragger>
        {error ? <Alert type="error" showIcon role="alert" title={errorText(error, lang)} /> : null}
        {result && problems.length > 0 ? (
          <>
            <Alert type="error" showIcon role="alert" title={t.problemsFound(problems.length)} />
            <Table
              size="small"
              rowKey={(p) => `${p.row}-${p.column}-${p.messageZh}`}
              dataSource={problems}
              pagination={problems.length > 50 ? { pageSize: 50 } : false}
              columns={[
                { key: 'row', title: t.row, dataIndex: 'row', width: 60 },
                { key: 'column', title: t.column, render: (_, p) => p.column ?? '—', width: 160 },
                {
                  key: 'problem',
                  title: t.problem,
                  render: (_, p) => (lang === 'zh' ? p.messageZh : p.message),
                },
              ]}
            />
          </>
        ) : null}
        {checkedOk ? (
          <>
            <Alert
              type="success"
              showIcon
              title={t.checkOk(result.counts.create, result.counts.update, result.counts.skip)}
            />
            <Table
              size="small"
              rowKey="row"
              dataSource={result.rows}
              pagination={result.rows.length > 50 ? { pageSize: 50 } : false}
              columns={[
                { key: 'row', title: t.row, dataIndex: 'row', width: 60 },
                {
                  key: 'name',
                  title: t.enterprise,
                  render: (_, r) => (
                    <Flex gap={4} wrap>
                      {r.enterpriseName}
                      {r.newEnterprise && r.action === 'create' ? <Tag>{t.newEnterpriseTag}</Tag> : null}
                    </Flex>
                  ),
                },
                {
                  key: 'action',
                  title: t.action,
                  width: 80,
                  render: (_, r) => (
                    <Tag color={r.action === 'create' ? 'green' : r.action === 'update' ? 'blue' : 'default'}>
                      {t.actions[r.action]}
                    </Tag>
                  ),
                },
                { key: 'note', title: t.note, render: (_, r) => r.note ?? '' },
              ]}
            />
          </>
        ) : null}
      </Flex>
    </Modal>
  );
}
