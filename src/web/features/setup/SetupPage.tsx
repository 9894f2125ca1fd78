import { useState } from 'react';
import { Navigate } from 'react-router';
import { useT } from '../../app/i18n.js';
import { CenteredPage } from '../../components/CenteredPage.js';
import { SetupForm } from './SetupForm.js';
import { SetupSuccess } from './SetupSuccess.js';
import { type SetupResult, useSetupStatus } from './setup.api.js';
import { setupMessages } from './setup.messages.js';

export function SetupPage() {
  const t = useT(setupMessages);
  const status = useSetupStatus();
  const [result, setResult] = useState<SetupResult | null>(null);

  // The success screen outlives needsSetup (which the setup call itself turns false).
  if (result) {
    return (
      <CenteredPage title={t.title} width={520}>
        <SetupSuccess result={result} />
      </CenteredPage>
    );
  }
  if (status.data && !status.data.needsSetup) return <Navigate to="/login" replace />;
  return (
    <CenteredPage title={t.title} subtitle={t.subtitle} width={520}>
      <SetupForm onDone={(r) => setResult(r)} />
    </CenteredPage>
  );
}
