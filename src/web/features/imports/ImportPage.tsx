import { DownloadOutlined, InboxOutlined } from '@ant-design/icons';
import {
  Alert,
  Button,
  Card,
  Descriptions,
  Flex,
  Progress,
  Result,
  Segmented,
  Space,
  Table,
  Typography,
  Upload,
} from 'antd';
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { IMPORT_KINDS, type ImportKind } from '../../../domain/imports/import-columns.js';
import type { ImportDuplicate, ImportProblem } from '../../../domain/imports/imports.schemas.js';
import { useLang, useT } from '../../app/i18n.js';
import { ApiErrorAlert } from '../../components/ApiErrorAlert.js';
import { templateHref, uploadImport, useCommitImport, useImportBatch } from './imports.api.js';
import { importsMessages } from './imports.messages.js';

const LIST_PATHS: Record<ImportKind, string> = {
  projects: '/projects',
  capital_reports: '/capital',
  leads: '/leads',
};

const readKind = (v: string | null): ImportKind =>
  (IMPORT_KINDS as readonly string[]).includes(v ?? '') ? (v as ImportKind) : 'projects';

/**
 * 导入: template, upload with progress (the upload, then the server's check by polling), the dry run's problems
 * by row and column, duplicates and summary; 确认导入 appears only when the file is clean.
 */
export function ImportPage() {
  const t = useT(importsMessages);
  const lang = useLang();
  const [params, setParams] = useSearchParams();
  const kind = readKind(params.get('kind'));
  const [batchId, setBatchId] = useState<string | null>(null);
  const [uploadPercent, setUploadPercent] = useState<number | null>(null);
  const [uploadError, setUploadError] = useState<unknown>(null);
  const batch = useImportBatch(batchId);
  const commit = useCommitImport();
  const b = batch.data;

  const reset = () => {
    setBatchId(null);
    setUploadPercent(null);
    setUploadError(null);
    commit.reset();
  };

  const start = async (file: File) => {
    reset();
    setUploadPercent(0);
    try {
      const res = await uploadImport(kind, file, setUploadPercent);
      setBatchId(res.batchId);
    } catch (err) {
      setUploadError(err);
      setUploadPercent(null);
    }
  };

  const checking = b?.status === 'parsing' || (batchId !== null && !b);
  const uploading = uploadPercent !== null && batchId === null;
  const text = (x: { message: string; messageZh: string }) => (lang === 'zh' ? x.messageZh : x.message);

  if (b?.status === 'committed') {
    const n = (b.summary?.create ?? 0) + (b.summary?.update ?? 0);
    return (
      <Card title={t.title}>
        <Result
          status="success"
          title={t.committed}
          subTitle={t.committedText(n)}
          extra={[
            <Link key="list" to={LIST_PATHS[kind]}>
              <Button type="primary">{t.goList[kind]}</Button>
            </Link>,
            <Button key="again" onClick={reset}>
              {t.again}
            </Button>,
          ]}
        />
      </Card>
    );
  }

  const s = b?.summary;
  const clean = b?.status === 'checked' && s !== null && s !== undefined && s.problemRows === 0;

  return (
    <Card title={t.title}>
      <Space direction="vertical" size="large" style={{ width: '100%' }}>
        <Flex gap={12} align="center" wrap>
          <Typography.Text strong>{t.kind}</Typography.Text>
          <Segmented<ImportKind>
            aria-label={t.kind}
            value={kind}
            onChange={(k) => {
              reset();
              setParams({ kind: k });
            }}
            options={IMPORT_KINDS.map((k) => ({ value: k, label: t.kinds[k] }))}
          />
        </Flex>

        <div>
          <Typography.Title level={5}>{t.step1}</Typography.Title>
          <Typography.Paragraph type="secondary">{t.step1Help}</Typography.Paragraph>
          <Button icon={<DownloadOutlined />} href={templateHref(kind)} download>
            {t.downloadTemplate}
          </Button>
        </div>

        <div>
          <Typography.Title level={5}>{t.step2}</Typography.Title>
          <Upload.Dragger
            accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            multiple={false}
            showUploadList={false}
            disabled={uploading || checking}
            beforeUpload={(file) => {
              void start(file);
              return false;
            }}
          >
            <p className="ant-upload-drag-icon">
              <InboxOutlined />
            </p>
            <p className="ant-upload-text">{t.dragHint}</p>
          </Upload.Dragger>
          {uploading ? (
            <Progress
              percent={uploadPercent ?? 0}
              status="active"
              format={() => t.uploading(uploadPercent ?? 0)}
            />
          ) : null}
          {checking ? (
            <Progress
              aria-label={t.checking(b?.processedRows ?? 0, b?.totalRows ?? 0)}
              percent={b && b.totalRows > 0 ? Math.floor((b.processedRows / b.totalRows) * 100) : 0}
              status="active"
              format={() => t.checking(b?.processedRows ?? 0, b?.totalRows ?? 0)}
            />
          ) : null}
          <div style={{ marginTop: 16 }}>
            <ApiErrorAlert error={uploadError ?? batch.error} />
            {b?.status === 'failed' ? (
              <Alert type="error" showIcon title={t.failed} description={b.error} />
            ) : null}
          </div>
        </div>

        {b && s && b.status === 'checked' ? (
          <div>
            <Typography.Title level={5}>{t.step3}</Typography.Title>
            <Descriptions size="small" bordered column={{ xs: 1, sm: 2, md: 4 }}>
              <Descriptions.Item label={t.file}>{b.filename}</Descriptions.Item>
              <Descriptions.Item label={t.summary.rows}>{s.rows}</Descriptions.Item>
              <Descriptions.Item label={t.summary.valid}>{s.validRows}</Descriptions.Item>
              <Descriptions.Item label={t.summary.problemRows}>{s.problemRows}</Descriptions.Item>
              <Descriptions.Item label={t.summary.create}>{s.create}</Descriptions.Item>
              {kind === 'capital_reports' ? (
                <Descriptions.Item label={t.summary.update}>{s.update}</Descriptions.Item>
              ) : (
                <>
                  <Descriptions.Item label={t.summary.enterprisesCreated}>
                    {s.enterprisesCreated}
                  </Descriptions.Item>
                  <Descriptions.Item label={t.summary.enterprisesLinked}>
                    {s.enterprisesLinked}
                  </Descriptions.Item>
                </>
              )}
              <Descriptions.Item label={t.summary.skipped}>{s.totalRowsSkipped}</Descriptions.Item>
            </Descriptions>
            <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>
              {t.headerRow(s.sheet, s.headerRow)}
              {s.ignoredHeaders.length > 0 ? `；${t.ignored(s.ignoredHeaders.join('、'))}` : ''}
            </Typography.Paragraph>
            {kind === 'capital_reports' ? <Alert type="info" showIcon title={t.capitalRule} /> : null}
            {s.evidenceToAttach > 0 ? (
              <Alert type="info" showIcon title={t.evidenceNote(s.evidenceToAttach)} />
            ) : null}

            {b.problems.length > 0 ? (
              <>
                <Typography.Title level={5} style={{ marginTop: 16 }}>
                  {t.problemsTitle(b.problems.length)}
                </Typography.Title>
                <Alert type="warning" showIcon title={t.fixAndRetry} style={{ marginBottom: 8 }} />
                <Table<ImportProblem>
                  aria-label={t.problemsTitle(b.problems.length)}
                  size="small"
                  rowKey={(p) => `${p.row}-${p.column}-${p.message}`}
                  dataSource={b.problems}
                  pagination={{ pageSize: 50, hideOnSinglePage: true }}
                  columns={[
                    { title: t.row, dataIndex: 'row', width: 72 },
                    {
                      title: t.column,
                      width: 200,
                      render: (_, p) => (p.column ? `${p.column}（${p.header}）` : '—'),
                    },
                    { title: t.reason, render: (_, p) => text(p) },
                  ]}
                />
                {b.problems.length >= 2000 ? (
                  <Typography.Text type="secondary">{t.problemsCapped}</Typography.Text>
                ) : null}
              </>
            ) : null}

            {b.duplicates.length > 0 ? (
              <>
                <Typography.Title level={5} style={{ marginTop: 16 }}>
                  {t.duplicatesTitle(b.duplicates.length)}
                </Typography.Title>
                <Table<ImportDuplicate>
                  aria-label={t.duplicatesTitle(b.duplicates.length)}
                  size="small"
                  rowKey={(d) => `${d.row}-${d.kind}`}
                  dataSource={b.duplicates}
                  pagination={{ pageSize: 50, hideOnSinglePage: true }}
                  columns={[
                    { title: t.row, dataIndex: 'row', width: 72 },
                    { title: t.duplicateKind, width: 150, render: (_, d) => t.duplicateKinds[d.kind] },
                    { title: t.duplicateName, dataIndex: 'name', width: 240 },
                    { title: t.reason, render: (_, d) => text(d) },
                  ]}
                />
              </>
            ) : null}

            {clean ? (
              <Flex vertical gap={12} style={{ marginTop: 16 }}>
                <Alert type="success" showIcon title={t.clean} />
                <ApiErrorAlert error={commit.error} />
                <div>
                  <Button type="primary" loading={commit.isPending} onClick={() => commit.mutate(b.id)}>
                    {t.commit}
                  </Button>
                </div>
              </Flex>
            ) : null}
          </div>
        ) : null}
      </Space>
    </Card>
  );
}
