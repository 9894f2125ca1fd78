import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildProject } from '../src/server/test/fixtures.js';
import { setupPlatform, TEST_PASSWORD } from '../src/server/test/test-app.js';
import {
  ARTIFACTS,
  animationsDone,
  JOURNEY_TIMEOUT,
  type Journey,
  pickOption,
  screenshot,
  signIn,
  startJourney,
  visible,
} from './support.js';

const PROJECT = '东阳镇看板演练紧固件项目';
const VIEW = '东阳在谈·看板演练';

describe('a town reporter narrows the project list, keeps it as a view and moves a card on the board', () => {
  let j: Journey;

  beforeAll(async () => {
    j = await startJourney();
    await setupPlatform(j.t.app, { loadDemo: true });
    const town = await j.t.db
      .selectFrom('units')
      .select('id')
      .where('name', '=', '东阳镇')
      .executeTakeFirstOrThrow();
    // A fresh 在谈 project with nothing of what 签约 needs.
    await buildProject(j.t.db, { unitId: town.id, name: PROJECT });
  });
  afterAll(async () => {
    await j?.close();
  });

  it('filters by stage and search, saves the view, reapplies it after a reload, then drags to 签约', {
    timeout: JOURNEY_TIMEOUT,
  }, async () => {
    const { page, errors } = await j.newPage({ width: 1440, height: 900 });
    await page.goto(`${j.baseUrl}/login`);
    expect(await signIn(page, 'town03.reporter', TEST_PASSWORD)).toBe(200);
    await visible(page.getByRole('heading', { name: '欢迎，东阳镇填报员（演示）' }));
    await page.getByRole('menuitem', { name: '项目库' }).click();
    await page.waitForURL(/\/projects$/);
    const rows = page.locator('.ant-table-tbody tr.ant-table-row');
    await visible(rows);

    // Stage 在谈 and a search: both go into the address.
    await pickOption(page, '按阶段筛选', '在谈');
    await page.waitForURL(/stage=negotiating/);
    await page.keyboard.press('Escape'); // closes the stage list
    await page.getByLabel('搜索', { exact: true }).fill('看板演练');
    await page.getByLabel('搜索', { exact: true }).press('Enter');
    await page.waitForURL(/q=/);
    await page.waitForFunction(
      () => document.querySelectorAll('.ant-table-tbody tr.ant-table-row').length === 1,
    );
    await visible(rows.filter({ hasText: PROJECT }).filter({ hasText: '在谈' }));

    // One more column, 招商方式, from the column chooser; it goes into the address too.
    await page.getByRole('button', { name: '列设置' }).click();
    await page.getByRole('checkbox', { name: '招商方式' }).click();
    await page.waitForURL(/columns=/);
    await page.keyboard.press('Escape');
    await visible(page.getByRole('columnheader', { name: '招商方式' }));
    await page.getByRole('button', { name: '更多筛选' }).click();
    await visible(page.getByTestId('more-filters'));
    await screenshot(page, 'project-list-filters');

    // Save it as a view of one's own.
    await page.getByRole('button', { name: /我的视图/ }).click();
    await page.getByRole('menuitem', { name: '保存当前视图…' }).click();
    const save = page.getByRole('dialog', { name: '保存当前筛选和列为视图' });
    await visible(save);
    await save.getByLabel('视图名称').fill(VIEW);
    await save.getByRole('button', { name: '保存' }).click();
    await save.waitFor({ state: 'hidden' });
    await visible(page.getByText(`已保存视图“${VIEW}”`));

    // A plain list after a reload; the view brings the filters back.
    await page.goto(`${j.baseUrl}/projects`);
    await page.waitForFunction(
      () => document.querySelectorAll('.ant-table-tbody tr.ant-table-row').length > 1,
    );
    await page.getByRole('button', { name: /我的视图/ }).click();
    await page.getByRole('menuitem', { name: VIEW }).click();
    await page.waitForURL(
      (u) => u.searchParams.get('stage') === 'negotiating' && u.searchParams.get('q') === '看板演练',
    );
    await page.waitForFunction(
      () => document.querySelectorAll('.ant-table-tbody tr.ant-table-row').length === 1,
    );
    await visible(rows.filter({ hasText: PROJECT }));
    await expect(page.getByLabel('搜索', { exact: true }).inputValue()).resolves.toBe('看板演练');
    await visible(page.getByRole('columnheader', { name: '招商方式' }));
    // The back button steps back to the plain list, and forward again to the view.
    await page.goBack();
    await page.waitForURL((u) => !u.searchParams.has('stage'));
    await page.waitForFunction(
      () => document.querySelectorAll('.ant-table-tbody tr.ant-table-row').length > 1,
    );
    await page.goForward();
    await page.waitForURL((u) => u.searchParams.get('stage') === 'negotiating');
    await page.waitForFunction(
      () => document.querySelectorAll('.ant-table-tbody tr.ant-table-row').length === 1,
    );

    // The board under the same filters shows only the 在谈 column; clearing the filters shows every stage.
    await page.getByText('看板', { exact: true }).click();
    await page.waitForURL(/view=board/);
    const negotiating = page.getByTestId('board-column-negotiating');
    await visible(negotiating.getByTestId('board-card').filter({ hasText: PROJECT }));
    await expect(page.getByTestId('board-column-signed').count()).resolves.toBe(0);
    // The unfiltered counts arrive after the URL changes: read them from that answer, not from the screen,
    // which shows the filtered count (1) until it comes.
    const unfiltered = page.waitForResponse(
      (r) => r.url().includes('/api/projects/stage-counts') && !new URL(r.url()).searchParams.has('q'),
    );
    await page.getByRole('button', { name: '清空筛选' }).click();
    await page.waitForURL((u) => u.searchParams.get('view') === 'board' && !u.searchParams.has('q'));
    const served = (await (await unfiltered).json()) as { counts: Record<string, number> };
    const signed = page.getByTestId('board-column-signed');
    await visible(signed);
    await visible(page.getByTestId('board-column-withdrawn'));
    // Counts come from the server: the town's 在谈 count, however many cards are loaded.
    const countOf = async (stage: string) =>
      Number(await page.getByTestId(`board-count-${stage}`).textContent());
    await page.waitForFunction(
      (n) => Number(document.querySelector('[data-testid="board-count-negotiating"]')?.textContent) === n,
      served.counts.negotiating,
    );
    const before = { negotiating: await countOf('negotiating'), signed: await countOf('signed') };
    expect(before.negotiating).toBeGreaterThan(1);

    // Drag the card to 签约: the stage dialog opens with 签约 chosen and asks for what is missing.
    const card = negotiating.getByTestId('board-card').filter({ hasText: PROJECT });
    // The newest project of the town heads its column (the board orders by last update).
    await visible(card);
    await card.scrollIntoViewIfNeeded();
    const from = (await card.boundingBox())!;
    const to = (await signed.boundingBox())!;
    await page.mouse.move(from.x + 20, from.y + from.height - 12);
    await page.mouse.down();
    await page.mouse.move(from.x + 40, from.y + from.height - 4, { steps: 4 });
    await page.mouse.move(to.x + to.width / 2, to.y + 80, { steps: 12 });
    // Not a full-page picture: resizing the page cancels a drag.
    await page.screenshot({ path: path.join(ARTIFACTS, 'project-board-dragging.png') });
    await page.mouse.up();

    const move = page.getByRole('dialog', { name: '阶段变更' });
    await visible(move);
    // 签约 is already chosen: the dialog says at once what it lacks.
    const missing = move.getByTestId('move-missing');
    await visible(missing);
    const text = (await missing.textContent()) ?? '';
    expect(text).toContain('变更为“签约”还需要');
    expect(text).toContain('请补填：签约日期、协议类型、签约金额');
    expect(text).toContain('请上传：投资协议');
    await visible(move.getByLabel('签约金额'));
    await screenshot(page, 'project-board-move-dialog');

    // Cancel: nothing moved.
    await move.getByRole('button', { name: '取消' }).click();
    await move.waitFor({ state: 'hidden' });
    await visible(negotiating.getByTestId('board-card').filter({ hasText: PROJECT }));
    await expect(signed.getByTestId('board-card').filter({ hasText: PROJECT }).count()).resolves.toBe(0);
    expect(await countOf('negotiating')).toBe(before.negotiating);
    expect(await countOf('signed')).toBe(before.signed);

    // A move the stage machine forbids is refused at the drop, with its reason.
    const signedCard = signed.getByTestId('board-card').first();
    const sFrom = (await signedCard.boundingBox())!;
    const back = (await negotiating.boundingBox())!;
    await page.mouse.move(sFrom.x + 20, sFrom.y + sFrom.height - 12);
    await page.mouse.down();
    await page.mouse.move(sFrom.x + 40, sFrom.y + sFrom.height - 4, { steps: 4 });
    await page.mouse.move(back.x + back.width / 2, back.y + 80, { steps: 12 });
    await page.mouse.up();
    await visible(page.getByText(/不能从“签约”退回“在谈”/));
    await expect(move.count()).resolves.toBe(0);

    await animationsDone(page);
    await screenshot(page, 'project-board');
    expect(errors).toEqual([]);
  });
});
