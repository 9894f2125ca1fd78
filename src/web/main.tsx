import 'antd/dist/reset.css';
import './app/global.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { RouterProvider } from 'react-router';
import { AppProviders } from './app/AppProviders.js';
import { setApiEvents } from './app/api.js';
import { endSession, meQueryKey } from './app/auth.js';
import { queryClient } from './app/query-client.js';
import { router } from './app/router.js';

setApiEvents({
  // The route guards see the empty session and send the user to /login.
  onUnauthorized: endSession,
  onPasswordChangeRequired: () => {
    void queryClient.invalidateQueries({ queryKey: meQueryKey });
    void router.navigate('/change-password');
  },
});

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root');

createRoot(root).render(
  <StrictMode>
    <AppProviders>
      <RouterProvider router={router} />
    </AppProviders>
  </StrictMode>,
);
