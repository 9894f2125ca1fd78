import { PrinterOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Flex } from 'antd';
import { Link, useParams } from 'react-router';
import type { BulletinDetail } from '../../../domain/bulletins/bulletins.schemas.js';
import { api } from '../../app/api.js';
import { useT } from '../../app/i18n.js';
import { ErrorResult } from '../../components/ErrorResult.js';
import { FullPageSpin } from '../../components/FullPageSpin.js';
import { BulletinDocument } from './BulletinDocument.js';
import { bulletinDocumentMessages } from './bulletins-document.messages.js';

// /bulletins/:bulletinId/print: the document alone, outside the app layout, so nothing but the bulletin prints.
// The toolbar (back, print) is hidden by the print stylesheet. Same query key as the detail page, so opening
// the print view from there reuses what is already loaded.
export function BulletinPrintPage() {
  const t = useT(bulletinDocumentMessages);
  const { bulletinId = '' } = useParams();
  const bulletin = useQuery({
    queryKey: ['bulletins', 'one', bulletinId],
    queryFn: () => api.get<BulletinDetail>(`/api/bulletins/${bulletinId}`),
  });
  if (bulletin.isPending) return <FullPageSpin />;
  if (bulletin.isError) return <ErrorResult error={bulletin.error} onRetry={() => void bulletin.refetch()} />;
  const draft = bulletin.data.status === 'draft';
  return (
    <div className="bd-print-page">
      <div className="bd-toolbar">
        <Flex gap={8} align="center" wrap>
          <Link to={`/bulletins/${bulletinId}`}>{t.back}</Link>
          <Button type="primary" icon={<PrinterOutlined />} onClick={() => window.print()}>
            {t.print}
          </Button>
        </Flex>
        {draft ? <Alert type="warning" showIcon title={t.draftNotice} style={{ marginTop: 12 }} /> : null}
        <Alert type="info" showIcon title={t.printHint} style={{ marginTop: 12 }} />
      </div>
      <BulletinDocument snapshot={bulletin.data.snapshot} draft={draft} />
    </div>
  );
}
