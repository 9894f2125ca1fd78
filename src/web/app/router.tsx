import { createBrowserRouter, Navigate, Outlet } from 'react-router';
import { NotFoundPage } from '../components/NotFoundPage.js';
import { LoginPage } from '../features/auth/LoginPage.js';
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
      {
        path: '/setup',
        lazy: async () => {
          const { SetupPage } = await import('../features/setup/SetupPage.js');
          return { element: <SetupPage /> };
        },
      },
      { path: '/login', element: <LoginPage /> },
      {
        // The investor portal: no account, no app frame; the token in the address is the only key.
        path: '/portal/:token',
        lazy: async () => {
          const { PortalPage } = await import('../features/portal/PortalPage.js');
          return { element: <PortalPage /> };
        },
      },
      {
        element: <RequireAuth />,
        children: [
          {
            path: '/change-password',
            lazy: async () => {
              const { ChangePasswordPage } = await import('../features/auth/ChangePasswordPage.js');
              return { element: <ChangePasswordPage /> };
            },
          },
          {
            element: <RequirePasswordCurrent />,
            children: [
              {
                // The meeting-room screen (大屏): full-screen and dark, without the app's frame.
                path: 'screen',
                lazy: async () => {
                  const { ScreenPage } = await import('../features/dashboard/ScreenPage.js');
                  return {
                    element: (
                      <RequirePermission permission="assessment.read">
                        <ScreenPage />
                      </RequirePermission>
                    ),
                  };
                },
              },
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
                  {
                    index: true,
                    lazy: async () => {
                      const { HomePage } = await import('../features/home/HomePage.js');
                      return { element: <HomePage /> };
                    },
                    handle: crumb('home'),
                  },
                  {
                    path: 'account',
                    lazy: async () => {
                      const { AccountPage } = await import('../features/account/AccountPage.js');
                      return { element: <AccountPage /> };
                    },
                    handle: crumb('account'),
                  },
                  {
                    path: 'notifications',
                    handle: crumb('notifications'),
                    lazy: async () => {
                      const { NotificationsPage } = await import(
                        '../features/notifications/NotificationsPage.js'
                      );
                      return { element: <NotificationsPage /> };
                    },
                  },
                  {
                    path: 'landing/supervision',
                    handle: crumb('supervision'),
                    element: (
                      <RequirePermission permission="landing.read">
                        <Outlet />
                      </RequirePermission>
                    ),
                    children: [
                      {
                        index: true,
                        lazy: async () => {
                          const { SupervisionListPage } = await import(
                            '../features/supervision/SupervisionListPage.js'
                          );
                          return { element: <SupervisionListPage /> };
                        },
                      },
                      {
                        path: ':noticeId',
                        lazy: async () => {
                          const { SupervisionDetailPage } = await import(
                            '../features/supervision/SupervisionDetailPage.js'
                          );
                          return { element: <SupervisionDetailPage /> };
                        },
                        handle: crumb('supervisionDetail'),
                      },
                    ],
                  },
                  {
                    path: 'landing/inbox',
                    handle: crumb('inbox'),
                    lazy: async () => {
                      const { InboxPage } = await import('../features/inbox/InboxPage.js');
                      return {
                        element: (
                          <RequirePermission permission="landing.handle">
                            <InboxPage />
                          </RequirePermission>
                        ),
                      };
                    },
                  },
                  {
                    path: 'landing/problems',
                    handle: crumb('problems'),
                    element: (
                      <RequirePermission permission="landing.read">
                        <Outlet />
                      </RequirePermission>
                    ),
                    children: [
                      {
                        index: true,
                        lazy: async () => {
                          const { ProblemsListPage } = await import(
                            '../features/problems/ProblemsListPage.js'
                          );
                          return { element: <ProblemsListPage /> };
                        },
                      },
                      {
                        path: ':problemId',
                        lazy: async () => {
                          const { ProblemDetailPage } = await import(
                            '../features/problems/ProblemDetailPage.js'
                          );
                          return { element: <ProblemDetailPage /> };
                        },
                        handle: crumb('problemDetail'),
                      },
                    ],
                  },
                  {
                    path: 'landing/settings',
                    handle: crumb('landingSettings'),
                    lazy: async () => {
                      const { LandingSettingsPage } = await import(
                        '../features/reminders/LandingSettingsPage.js'
                      );
                      return {
                        element: (
                          <RequirePermission permission="landing.coordinate">
                            <LandingSettingsPage />
                          </RequirePermission>
                        ),
                      };
                    },
                  },
                  {
                    path: 'leads',
                    handle: crumb('leads'),
                    element: (
                      <RequirePermission permission="pipeline.read">
                        <Outlet />
                      </RequirePermission>
                    ),
                    children: [
                      {
                        index: true,
                        lazy: async () => {
                          const { LeadsListPage } = await import('../features/leads/LeadsListPage.js');
                          return { element: <LeadsListPage /> };
                        },
                      },
                      {
                        path: ':leadId',
                        lazy: async () => {
                          const { LeadDetailPage } = await import('../features/leads/LeadDetailPage.js');
                          return { element: <LeadDetailPage /> };
                        },
                        handle: crumb('leadDetail'),
                      },
                    ],
                  },
                  {
                    path: 'conflicts',
                    handle: crumb('conflicts'),
                    lazy: async () => {
                      const { ConflictsPage } = await import('../features/leads/ConflictsPage.js');
                      return {
                        element: (
                          <RequirePermission permission="pipeline.coordinate">
                            <ConflictsPage />
                          </RequirePermission>
                        ),
                      };
                    },
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
                      {
                        index: true,
                        lazy: async () => {
                          const { ProjectsListPage } = await import(
                            '../features/projects/ProjectsListPage.js'
                          );
                          return { element: <ProjectsListPage /> };
                        },
                      },
                      {
                        path: ':projectId',
                        lazy: async () => {
                          const { ProjectDetailPage } = await import(
                            '../features/projects/ProjectDetailPage.js'
                          );
                          return { element: <ProjectDetailPage /> };
                        },
                        handle: crumb('projectDetail'),
                      },
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
                      {
                        index: true,
                        lazy: async () => {
                          const { EnterprisesListPage } = await import(
                            '../features/enterprises/EnterprisesListPage.js'
                          );
                          return { element: <EnterprisesListPage /> };
                        },
                      },
                      {
                        path: ':enterpriseId',
                        lazy: async () => {
                          const { EnterpriseDetailPage } = await import(
                            '../features/enterprises/EnterpriseDetailPage.js'
                          );
                          return { element: <EnterpriseDetailPage /> };
                        },
                        handle: crumb('enterpriseDetail'),
                      },
                    ],
                  },
                  {
                    path: 'network/targets',
                    handle: crumb('targetEnterprises'),
                    element: (
                      <RequirePermission permission="pipeline.read">
                        <Outlet />
                      </RequirePermission>
                    ),
                    children: [
                      {
                        index: true,
                        lazy: async () => {
                          const { TargetsListPage } = await import(
                            '../features/target-enterprises/TargetsListPage.js'
                          );
                          return { element: <TargetsListPage /> };
                        },
                      },
                      {
                        path: ':targetId',
                        lazy: async () => {
                          const { TargetDetailPage } = await import(
                            '../features/target-enterprises/TargetDetailPage.js'
                          );
                          return { element: <TargetDetailPage /> };
                        },
                        handle: crumb('targetEnterpriseDetail'),
                      },
                    ],
                  },
                  {
                    path: 'network/sources',
                    handle: crumb('networkSources'),
                    element: (
                      <RequirePermission permission="pipeline.read">
                        <Outlet />
                      </RequirePermission>
                    ),
                    children: [
                      {
                        index: true,
                        lazy: async () => {
                          const { SourcesListPage } = await import(
                            '../features/network-sources/SourcesListPage.js'
                          );
                          return { element: <SourcesListPage /> };
                        },
                      },
                      {
                        path: ':sourceId',
                        lazy: async () => {
                          const { SourceDetailPage } = await import(
                            '../features/network-sources/SourceDetailPage.js'
                          );
                          return { element: <SourceDetailPage /> };
                        },
                        handle: crumb('networkSourceDetail'),
                      },
                    ],
                  },
                  {
                    path: 'network/chains',
                    handle: crumb('chains'),
                    element: (
                      <RequirePermission permission="pipeline.read">
                        <Outlet />
                      </RequirePermission>
                    ),
                    children: [
                      {
                        index: true,
                        lazy: async () => {
                          const { ChainsListPage } = await import('../features/chains/ChainsListPage.js');
                          return { element: <ChainsListPage /> };
                        },
                      },
                      {
                        path: ':chainId',
                        lazy: async () => {
                          const { ChainDetailPage } = await import('../features/chains/ChainDetailPage.js');
                          return { element: <ChainDetailPage /> };
                        },
                        handle: crumb('chainDetail'),
                      },
                    ],
                  },
                  {
                    path: 'network/events',
                    handle: crumb('promotionEvents'),
                    element: (
                      <RequirePermission permission="pipeline.read">
                        <Outlet />
                      </RequirePermission>
                    ),
                    children: [
                      {
                        index: true,
                        lazy: async () => {
                          const { EventsListPage } = await import(
                            '../features/promotion-events/EventsListPage.js'
                          );
                          return { element: <EventsListPage /> };
                        },
                      },
                      {
                        path: ':eventId',
                        lazy: async () => {
                          const { EventDetailPage } = await import(
                            '../features/promotion-events/EventDetailPage.js'
                          );
                          return { element: <EventDetailPage /> };
                        },
                        handle: crumb('promotionEventDetail'),
                      },
                    ],
                  },
                  {
                    path: 'network/effectiveness',
                    handle: crumb('effectiveness'),
                    element: (
                      <RequirePermission permission="pipeline.read">
                        <Outlet />
                      </RequirePermission>
                    ),
                    children: [
                      {
                        index: true,
                        lazy: async () => {
                          const { EffectivenessPage } = await import(
                            '../features/effectiveness/EffectivenessPage.js'
                          );
                          return { element: <EffectivenessPage /> };
                        },
                      },
                    ],
                  },
                  {
                    path: 'activities',
                    handle: crumb('activities'),
                    lazy: async () => {
                      const { ActivitiesPage } = await import('../features/activities/ActivitiesPage.js');
                      return {
                        element: (
                          <RequirePermission permission="pipeline.read">
                            <ActivitiesPage />
                          </RequirePermission>
                        ),
                      };
                    },
                  },
                  {
                    path: 'capital',
                    handle: crumb('capital'),
                    lazy: async () => {
                      const { CapitalMonthPage } = await import('../features/capital/CapitalMonthPage.js');
                      return {
                        element: (
                          <RequirePermission permission="pipeline.read">
                            <CapitalMonthPage />
                          </RequirePermission>
                        ),
                      };
                    },
                  },
                  {
                    path: 'milestones/overdue',
                    handle: crumb('overdueMilestones'),
                    lazy: async () => {
                      const { OverdueMilestonesPage } = await import(
                        '../features/agreements/OverdueMilestonesPage.js'
                      );
                      return {
                        element: (
                          <RequirePermission permission="pipeline.read">
                            <OverdueMilestonesPage />
                          </RequirePermission>
                        ),
                      };
                    },
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
                    lazy: async () => {
                      const { ImportPage } = await import('../features/imports/ImportPage.js');
                      return {
                        element: (
                          <RequirePermission permission="pipeline.write">
                            <ImportPage />
                          </RequirePermission>
                        ),
                      };
                    },
                  },
                  {
                    path: 'dashboard',
                    handle: crumb('dashboard'),
                    children: [
                      {
                        index: true,
                        lazy: async () => {
                          const { DashboardPage } = await import('../features/dashboard/DashboardPage.js');
                          return {
                            element: (
                              <RequirePermission permission="assessment.read">
                                <DashboardPage />
                              </RequirePermission>
                            ),
                          };
                        },
                      },
                      {
                        path: 'unit',
                        handle: crumb('unitDashboard'),
                        lazy: async () => {
                          const { UnitDashboardPage } = await import(
                            '../features/dashboard/UnitDashboardPage.js'
                          );
                          return {
                            element: (
                              <RequirePermission permission="assessment.read">
                                <UnitDashboardPage />
                              </RequirePermission>
                            ),
                          };
                        },
                      },
                    ],
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
                        lazy: async () => {
                          const { UnitsPage } = await import('../features/organization/UnitsPage.js');
                          return {
                            element: (
                              <RequirePermission permission="organization.read">
                                <UnitsPage />
                              </RequirePermission>
                            ),
                          };
                        },
                      },
                      {
                        path: 'users',
                        handle: crumb('users'),
                        lazy: async () => {
                          const { UsersListPage } = await import('../features/users/UsersListPage.js');
                          return {
                            element: (
                              <RequirePermission permission="users.read">
                                <UsersListPage />
                              </RequirePermission>
                            ),
                          };
                        },
                      },
                    ],
                  },
                  {
                    path: 'security/policy',
                    handle: crumb('securityPolicy'),
                    lazy: async () => {
                      const { SecurityPolicyPage } = await import(
                        '../features/security-policy/SecurityPolicyPage.js'
                      );
                      return {
                        element: (
                          <RequirePermission permission="security_policy.read">
                            <SecurityPolicyPage />
                          </RequirePermission>
                        ),
                      };
                    },
                  },
                  {
                    path: 'audit',
                    handle: crumb('audit'),
                    lazy: async () => {
                      const { AuditListPage } = await import('../features/audit/AuditListPage.js');
                      return {
                        element: (
                          <RequirePermission permission="audit.read">
                            <AuditListPage />
                          </RequirePermission>
                        ),
                      };
                    },
                  },
                  {
                    path: 'landing/commitments',
                    handle: crumb('commitments'),
                    lazy: async () => {
                      const { CommitmentsListPage } = await import(
                        '../features/commitments/CommitmentsListPage.js'
                      );
                      return {
                        element: (
                          <RequirePermission permission="landing.read">
                            <CommitmentsListPage />
                          </RequirePermission>
                        ),
                      };
                    },
                  },
                  {
                    path: 'landing/procedures',
                    handle: crumb('procedures'),
                    lazy: async () => {
                      const { ProceduresListPage } = await import(
                        '../features/procedures/ProceduresListPage.js'
                      );
                      return {
                        element: (
                          <RequirePermission permission="landing.read">
                            <ProceduresListPage />
                          </RequirePermission>
                        ),
                      };
                    },
                  },
                  {
                    path: 'landing/pre-reviews',
                    handle: crumb('preReviews'),
                    element: (
                      <RequirePermission permission="landing.read">
                        <Outlet />
                      </RequirePermission>
                    ),
                    children: [
                      {
                        index: true,
                        lazy: async () => {
                          const { PreReviewsListPage } = await import(
                            '../features/pre-reviews/PreReviewsListPage.js'
                          );
                          return { element: <PreReviewsListPage /> };
                        },
                      },
                      {
                        path: ':reviewId',
                        handle: crumb('preReviewDetail'),
                        lazy: async () => {
                          const { PreReviewDetailPage } = await import(
                            '../features/pre-reviews/PreReviewDetailPage.js'
                          );
                          return { element: <PreReviewDetailPage /> };
                        },
                      },
                    ],
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
