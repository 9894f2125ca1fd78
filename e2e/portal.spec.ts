import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setupPlatform, TEST_PASSWORD } from '../src/server/test/test-app.js';
import {
  horizontalOverflow,
  JOURNEY_TIMEOUT,
  type Journey,
  pickOption,
  screenshot,
  signIn,
  startJourney,
  visible,
} from './support.js';

const PDF = '%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n';
const TITLE = '二期用地指标迟迟未下达';
// Pasted markup must come back as the very same text, never run.
const SCRIPT = '<script>window.__pwned = 1</script><img src=x onerror="window.__pwned = 2">';
const DESCRIPTION = `二期用地指标至今未下达，影响开工。\n请协调。${SCRIPT}`;
const REPLY = '已协调市局调剂用地指标，预计12月上旬下达，请做好开工准备。';
const COUNTERMEASURE = '协调市自然资源局调剂指标（内部对策）';

describe('an investor reports a problem through the portal and sees the department’s reply', () => {
  let j: Journey;
  let tmp: string;

  beforeAll(async () => {
    j = await startJourney();
    await setupPlatform(j.t.app, { loadDemo: true });
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'zs-e2e-portal-'));
  });
  afterAll(async () => {
    await j?.close();
    if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('link from the project tab → report on a phone → 交办 → 承办 → 反馈 → the investor reads the reply; revoked link is dead', {
    timeout: JOURNEY_TIMEOUT,
  }, async () => {
    const project = await j.t.db
      .selectFrom('projects as p')
      .innerJoin('users as u', 'u.unitId', 'p.unitId')
      .select(['p.id', 'p.name'])
      .where('u.username', '=', 'town01.reporter')
      .orderBy('p.createdAt')
      .executeTakeFirstOrThrow();

    // 1. The town's reporter creates a link on the project's 企业服务链接 tab; it is shown once.
    const staff = await j.newPage({ width: 1366 });
    await staff.page.goto(`${j.baseUrl}/login`);
    expect(await signIn(staff.page, 'town01.reporter', TEST_PASSWORD)).toBe(200);
    await staff.page.waitForURL((u) => !u.pathname.startsWith('/login'));
    await staff.page.goto(`${j.baseUrl}/projects/${project.id}`);
    const card = await visible(staff.page.getByTestId('project-landing'));
    await card.getByRole('tab', { name: '企业服务链接' }).click();
    await visible(card.getByText('还没有企业服务链接'));
    await card.getByRole('button', { name: '生成链接' }).click();
    const create = staff.page.getByRole('dialog', { name: '生成企业服务链接' });
    await visible(create);
    await create.getByLabel('链接给谁').fill('恒力紧固件 王经理');
    await create.getByRole('button', { name: '生成链接' }).click();
    const shown = staff.page.getByRole('dialog', { name: '链接已生成' });
    await visible(shown.getByText('链接只显示这一次'));
    const url = (await shown.getByTestId('portal-link-url').textContent())!.trim();
    expect(url).toMatch(new RegExp(`^${j.baseUrl}/portal/[A-Za-z0-9_-]{43}$`));
    await visible(shown.getByRole('button', { name: '复制链接' }));
    await screenshot(staff.page, 'portal-link-created');
    await shown.getByRole('button', { name: '我已保存，关闭' }).click();
    await visible(card.getByRole('cell', { name: '恒力紧固件 王经理' }));
    // Listed without its address: the token is nowhere on the page any more.
    expect(await staff.page.content()).not.toContain(url.split('/portal/')[1]);

    // 2. The investor, in a fresh browser without any session, opens the link on a phone and reports.
    const investor = await j.newPage({ width: 375, height: 812 });
    const ip = investor.page;
    await ip.goto(url);
    await visible(ip.getByTestId('portal-project').getByText(project.name));
    await visible(ip.getByText('您还没有通过此链接反映问题'));
    const form = ip.getByTestId('portal-report');
    await pickOption(form, '问题类别', '土地');
    await form.getByLabel('问题标题').fill(TITLE);
    await form.getByLabel('问题描述').fill(DESCRIPTION);
    await form.getByLabel('联系人（可选）').fill('王经理');
    const photo = path.join(tmp, '现场情况.pdf');
    fs.writeFileSync(photo, PDF);
    await form.locator('input[type=file]').setInputFiles(photo);
    await visible(form.getByText('现场情况.pdf'));
    await form.getByRole('button', { name: '提交' }).click();
    const mine = ip.getByTestId('portal-mine');
    const item = mine.getByTestId('portal-problem').filter({ hasText: TITLE });
    await visible(item);
    await visible(item.getByText('已提交', { exact: true }));
    await visible(item.getByText('现场情况.pdf'));
    // The pasted markup is shown as the text it is, and nothing ran.
    expect(await item.getByTestId('portal-problem-description').textContent()).toBe(DESCRIPTION);
    expect(await ip.evaluate(() => (window as { __pwned?: number }).__pwned)).toBeUndefined();
    expect(await item.locator('script, img').count()).toBe(0);
    expect((await horizontalOverflow(ip)).scrollWidth).toBeLessThanOrEqual(
      (await horizontalOverflow(ip)).viewport,
    );
    await screenshot(ip, 'portal-reported');

    // 3. The town sees the investor's report in its problem list (企业反映).
    await staff.page.goto(`${j.baseUrl}/landing/problems`);
    const row = staff.page.getByRole('row').filter({ hasText: TITLE });
    await visible(row.getByText('企业反映'));
    const href = await row.getByTestId('problem-link').getAttribute('href');
    expect(href).toMatch(/^\/landing\/problems\/[0-9a-f-]{36}$/);
    await screenshot(staff.page, 'portal-town-list');

    // 4. The center assigns it to 自然资源和规划局 (交办) with a countermeasure the investor never sees.
    const center = await j.newPage({ width: 1366 });
    await center.page.goto(`${j.baseUrl}/login`);
    expect(await signIn(center.page, 'center.admin', TEST_PASSWORD)).toBe(200);
    await center.page.waitForURL((u) => !u.pathname.startsWith('/login'));
    await center.page.goto(`${j.baseUrl}${href}`);
    await visible(center.page.getByTestId('problem-title').getByText(TITLE));
    await center.page.getByTestId('problem-assign').click();
    const assign = center.page.getByRole('dialog', { name: '交办' });
    await visible(assign);
    await pickOption(assign, '承办部门', '自然资源和规划局');
    await assign.getByLabel('分管领导（姓名）').fill('分管副区长');
    await assign.getByLabel('解决措施').fill(COUNTERMEASURE);
    await assign.getByTestId('problem-step-submit').click();
    await visible(center.page.getByTestId('problem-event-assigned'));

    // 5. The land bureau's handler accepts (承办) and replies (反馈).
    const handler = await j.newPage({ width: 1366 });
    await handler.page.goto(`${j.baseUrl}/login`);
    expect(await signIn(handler.page, 'dept05.handler', TEST_PASSWORD)).toBe(200);
    await handler.page.waitForURL((u) => !u.pathname.startsWith('/login'));
    await handler.page.goto(`${j.baseUrl}${href}`);
    await handler.page.getByTestId('problem-accept').click();
    await visible(handler.page.getByRole('dialog', { name: '承办' }));
    await handler.page.getByTestId('problem-step-submit').click();
    await visible(handler.page.getByTestId('problem-event-accepted'));
    await handler.page.getByTestId('problem-reply').click();
    const reply = handler.page.getByRole('dialog', { name: '反馈' });
    await visible(reply);
    await reply.getByLabel('反馈意见').fill(REPLY);
    await reply.getByTestId('problem-step-submit').click();
    await visible(handler.page.getByTestId('problem-event-replied'));
    await screenshot(handler.page, 'portal-department-replied');

    // 6. The investor reloads and reads the department's reply; the internal countermeasure is not shown.
    await ip.reload();
    const answered = mine.getByTestId('portal-problem').filter({ hasText: TITLE });
    await visible(answered.getByTestId('portal-reply').getByText(REPLY));
    await visible(answered.getByText('已答复', { exact: true }));
    await visible(answered.getByText('承办部门：自然资源和规划局'));
    await visible(answered.getByText('部门答复', { exact: true }));
    const steps = await answered.locator('.ant-timeline-item').allTextContents();
    expect(steps.map((x) => x.slice(0, 4))).toEqual(['提交问题', '交办部门', '部门承办', '部门答复']);
    expect(await ip.content()).not.toContain('内部对策');
    await visible(answered.getByRole('button', { name: '问题已解决' }));
    await screenshot(ip, 'portal-replied');

    // 7. The unit revokes the link; the investor's next visit is told the link is dead.
    await staff.page.goto(`${j.baseUrl}/projects/${project.id}`);
    const card2 = await visible(staff.page.getByTestId('project-landing'));
    await card2.getByRole('tab', { name: '企业服务链接' }).click();
    await card2.getByRole('button', { name: '停用 恒力紧固件 王经理' }).click();
    await staff.page.locator('.ant-popconfirm').getByRole('button', { name: '停用' }).click();
    await visible(card2.getByText('已停用', { exact: true }));
    await ip.reload();
    await visible(ip.getByText('链接无效或已停用，请联系招商服务人员'));
    expect(await ip.getByTestId('portal-mine').count()).toBe(0);
    await screenshot(ip, 'portal-revoked');

    expect(staff.errors).toEqual([]);
    expect(center.errors).toEqual([]);
    expect(handler.errors).toEqual([]);
    expect(investor.errors).toEqual([]);
  });
});
