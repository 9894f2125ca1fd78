import { createBrowserRouter, Navigate, Outlet } from 'react-router';
import { NotFoundPage } from '../components/NotFoundPage.js';
import { AccountPage } from '../features/account/AccountPage.js';
import { ActivitiesPage } from '../features/activities/ActivitiesPage.js';
import { OverdueMilestonesPage } from '../features/agreements/OverdueMilestonesPage.js';
import { AuditListPage } from '../features/audit/AuditListPage.js';
import { ChangePasswordPage } from '../features/auth/ChangePasswordPage.js';
import { LoginPage } from '../features/auth/LoginPage.js';
import { CapitalMonthPage } from '../features/capital/CapitalMonthPage.js';
import { EnterpriseDetailPage } from '../features/enterprises/EnterpriseDetailPage.js';
import { EnterprisesListPage } from '../features/enterprises/EnterprisesListPage.js';
import { HomePage } from '../features/home/HomePage.js';
import { ImportPage } from '../features/imports/ImportPage.js';
import { ConflictsPage } from '../features/leads/ConflictsPage.js';
import { LeadDetailPage } from '../features/leads/LeadDetailPage.js';
import { LeadsListPage } from '../features/leads/LeadsListPage.js';
import { UnitsPage } from '../features/organization/UnitsPage.js';
import { ProjectDetailPage } from '../features/projects/ProjectDetailPage.js';
import { ProjectsListPage } from '../features/projects/ProjectsListPage.js';
import { SecurityPolicyPage } from '../features/security-policy/SecurityPolicyPage.js';
import { SetupPage } from '../features/setup/SetupPage.js';
import { UsersListPage } from '../features/users/UsersListPage.js';
import { AppLayout } from './AppLayout.js';
import type { NavKey } from './app.messages.js';
import { RequireAuth, RequirePasswordCurrent, RequirePermission, SetupGate } from './guards.js';
import { RouteErrorPage } from './RouteErrorPage.js';

export interface RouteHandle {
  crumb: NavKey;
}

const crumb = (key: NavKey): RouteHandle => ({ crumb: key });

export const router = createBrowserRouter([
  {
    element: <SetupGate />,
    errorElement: <RouteErrorPage />,
    children: [
      { path: '/setup', element: <SetupPage /> },
      { path: '/login', element: <LoginPage /> },
      {
        element: <RequireAuth />,
        children: [
          { path: '/change-password', element: <ChangePasswordPage /> },
          {
            element: <RequirePasswordCurrent />,
            children: [
              {
                // The print view: the document alone, without the app's frame.
                path: 'bulletins/:bulletinId/print',
                lazy: async () => {
                  const { BulletinPrintPage } = await import('../features/bulletins/BulletinPrintPage.js');
                  return {
                    element: (
                      <RequirePermission permission="assessment.read">
                        <BulletinPrintPage />
                      </RequirePermission>
                    ),
                  };
                },
              },
              {
                element: <AppLayout />,
                children: [
                  { index: true, element: <HomePage />, handle: crumb('home') },
                  { path: 'account', element: <AccountPage />, handle: crumb('account') },
                  {
                    path: 'leads',
                    handle: crumb('leads'),
                    element: (
                      <RequirePermission permission="pipeline.read">
                        <Outlet />
                      </RequirePermission>
                    ),
                    children: [
                      { index: true, element: <LeadsListPage /> },
                      { path: ':leadId', element: <LeadDetailPage />, handle: crumb('leadDetail') },
                    ],
                  },
                  {
                    path: 'conflicts',
                    handle: crumb('conflicts'),
                    element: (
                      <RequirePermission permission="pipeline.coordinate">
                        <ConflictsPage />
                      </RequirePermission>
                    ),
                  },
                  {
                    path: 'projects',
                    handle: crumb('projects'),
                    element: (
                      <RequirePermission permission="pipeline.read">
                        <Outlet />
                      </RequirePermission>
                    ),
                    children: [
                      { index: true, element: <ProjectsListPage /> },
                      { path: ':projectId', element: <ProjectDetailPage />, handle: crumb('projectDetail') },
                    ],
                  },
                  {
                    path: 'enterprises',
                    handle: crumb('enterprises'),
                    element: (
                      <RequirePermission permission="pipeline.read">
                        <Outlet />
                      </RequirePermission>
                    ),
                    children: [
                      { index: true, element: <EnterprisesListPage /> },
                      {
                        path: ':enterpriseId',
                        element: <EnterpriseDetailPage />,
                        handle: crumb('enterpriseDetail'),
                      },
                    ],
                  },
                  {
                    path: 'activities',
                    handle: crumb('activities'),
                    element: (
                      <RequirePermission permission="pipeline.read">
                        <ActivitiesPage />
                      </RequirePermission>
                    ),
                  },
                  {
                    path: 'capital',
                    handle: crumb('capital'),
                    element: (
                      <RequirePermission permission="pipeline.read">
                        <CapitalMonthPage />
                      </RequirePermission>
                    ),
                  },
                  {
                    path: 'milestones/overdue',
                    handle: crumb('overdueMilestones'),
                    element: (
                      <RequirePermission permission="pipeline.read">
                        <OverdueMilestonesPage />
                      </RequirePermission>
                    ),
                  },
                  {
                    path: 'bulletins',
                    handle: crumb('bulletins'),
                    children: [
                      {
                        index: true,
                        lazy: async () => {
                          const { BulletinsListPage } = await import(
                            '../features/bulletins/BulletinsListPage.js'
                          );
                          return {
                            element: (
                              <RequirePermission permission="assessment.read">
                                <BulletinsListPage />
                              </RequirePermission>
                            ),
                          };
                        },
                      },
                      {
                        path: ':bulletinId',
                        handle: crumb('bulletinDetail'),
                        lazy: async () => {
                          const { BulletinDetailPage } = await import(
                            '../features/bulletins/BulletinDetailPage.js'
                          );
                          return {
                            element: (
                              <RequirePermission permission="assessment.read">
                                <BulletinDetailPage />
                              </RequirePermission>
                            ),
                          };
                        },
                      },
                    ],
                  },
                  {
                    path: 'imports',
                    handle: crumb('imports'),
                    element: (
                      <RequirePermission permission="pipeline.write">
                        <ImportPage />
                      </RequirePermission>
                    ),
                  },
                  {
                    path: 'assessment/progress',
                    handle: crumb('progress'),
                    lazy: async () => {
                      const { ProgressPage } = await import('../features/targets/ProgressPage.js');
                      return {
                        element: (
                          <RequirePermission permission="assessment.read">
                            <ProgressPage />
                          </RequirePermission>
                        ),
                      };
                    },
                  },
                  {
                    path: 'assessment/targets',
                    handle: crumb('targets'),
                    lazy: async () => {
                      const { TargetsPage } = await import('../features/targets/TargetsPage.js');
                      return {
                        element: (
                          <RequirePermission permission="assessment.read">
                            <TargetsPage />
                          </RequirePermission>
                        ),
                      };
                    },
                  },
                  {
                    path: 'assessment/settings',
                    handle: crumb('assessmentSettings'),
                    lazy: async () => {
                      const { AssessmentSettingsPage } = await import(
                        '../features/targets/AssessmentSettingsPage.js'
                      );
                      return {
                        element: (
                          <RequirePermission permission="assessment.read">
                            <AssessmentSettingsPage />
                          </RequirePermission>
                        ),
                      };
                    },
                  },
                  {
                    path: 'assessment/city',
                    handle: crumb('cityComparison'),
                    lazy: async () => {
                      const { CityComparisonPage } = await import(
                        '../features/city-comparison/CityComparisonPage.js'
                      );
                      return {
                        element: (
                          <RequirePermission permission="assessment.read">
                            <CityComparisonPage />
                          </RequirePermission>
                        ),
                      };
                    },
                  },
                  {
                    path: 'assessment/schemes',
                    handle: crumb('schemes'),
                    children: [
                      {
                        index: true,
                        lazy: async () => {
                          const { SchemesListPage } = await import('../features/schemes/SchemesListPage.js');
                          return {
                            element: (
                              <RequirePermission permission="assessment.read">
                                <SchemesListPage />
                              </RequirePermission>
                            ),
                          };
                        },
                      },
                      {
                        path: ':schemeId',
                        handle: crumb('schemeDetail'),
                        lazy: async () => {
                          const { SchemeEditorPage } = await import(
                            '../features/schemes/SchemeEditorPage.js'
                          );
                          return {
                            element: (
                              <RequirePermission permission="assessment.read">
                                <SchemeEditorPage />
                              </RequirePermission>
                            ),
                          };
                        },
                      },
                    ],
                  },
                  {
                    path: 'org',
                    handle: crumb('organization'),
                    children: [
                      { index: true, element: <Navigate to="units" replace /> },
                      {
                        path: 'units',
                        handle: crumb('units'),
                        element: (
                          <RequirePermission permission="organization.read">
                            <UnitsPage />
                          </RequirePermission>
                        ),
                      },
                      {
                        path: 'users',
                        handle: crumb('users'),
                        element: (
                          <RequirePermission permission="users.read">
                            <UsersListPage />
                          </RequirePermission>
                        ),
                      },
                    ],
                  },
                  {
                    path: 'security/policy',
                    handle: crumb('securityPolicy'),
                    element: (
                      <RequirePermission permission="security_policy.read">
                        <SecurityPolicyPage />
                      </RequirePermission>
                    ),
                  },
                  {
                    path: 'audit',
                    handle: crumb('audit'),
                    element: (
                      <RequirePermission permission="audit.read">
                        <AuditListPage />
                      </RequirePermission>
                    ),
                  },
                  { path: '*', element: <NotFoundPage />, handle: crumb('notFound') },
                ],
              },
            ],
          },
        ],
      },
    ],
  },
]);
