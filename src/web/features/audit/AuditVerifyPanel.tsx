import { SafetyCertificateOutlined } from '@ant-design/icons';
import { Alert, Button } from 'antd';
import { useT } from '../../app/i18n.js';
import { ApiErrorAlert } from '../../components/ApiErrorAlert.js';
import type { AuditVerification } from './audit.api.js';
import { auditMessages } from './audit.messages.js';

export function AuditVerifyButton(props: { loading: boolean; onVerify: () => void }) {
  const t = useT(auditMessages);
  return (
    <Button icon={<SafetyCertificateOutlined />} loading={props.loading} onClick={props.onVerify}>
      {t.verify}
    </Button>
  );
}

/** The answer of /api/audit/verify: 完整, or where the hash chain first breaks. */
export function AuditVerifyResult(props: {
  result: AuditVerification | undefined;
  error: unknown;
  onClose: () => void;
}) {
  const t = useT(auditMessages);
  if (props.error) return <ApiErrorAlert error={props.error} />;
  const r = props.result;
  if (!r) return null;
  return r.ok ? (
    <Alert
      data-testid="audit-verify-result"
      type="success"
      showIcon
      closable={{ onClose: props.onClose }}
      title={t.verifyOk(r.checked)}
      style={{ marginBottom: 16 }}
    />
  ) : (
    <Alert
      data-testid="audit-verify-result"
      type="error"
      showIcon
      closable={{ onClose: props.onClose }}
      title={r.firstBrokenId ? t.verifyBroken(r.firstBrokenId) : t.verifyBrokenNoId}
      description={[r.reason ? t.verifyReason(r.reason) : null, t.verifyChecked(r.checked)]
        .filter(Boolean)
        .join(' ')}
      style={{ marginBottom: 16 }}
    />
  );
}
