import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  AGREEMENT_TYPE_LABELS,
  AGREEMENT_TYPES,
  allowedMoves,
  applyMove,
  checkMove,
  checkStageFacts,
  describeMoveProblem,
  EVIDENCE_KIND_LABELS,
  EVIDENCE_KINDS,
  type EvidenceKind,
  isHoldStage,
  isMainStage,
  MAIN_PATH,
  type MainStage,
  type MoveCheck,
  type MoveProblem,
  type MoveRequest,
  missingForStage,
  type ProjectFacts,
  reachedStage,
  STAGE_LABELS,
  STAGE_REQUIREMENTS,
  STAGES,
  type Stage,
  summarizeMoveProblems,
} from './stages.js';

const TODAY = '2026-05-20';

function buildFacts(overrides: Partial<ProjectFacts> = {}): ProjectFacts {
  return {
    stage: 'negotiating',
    stageBeforeHold: null,
    signingDate: null,
    agreementType: null,
    signedAmountYuan: null,
    landedDate: null,
    startDate: null,
    productionDate: null,
    evidence: [],
    ...overrides,
  };
}

/** Every stage's facts filled, in date order, all files attached; still negotiating unless overridden. */
function buildCompleteFacts(overrides: Partial<ProjectFacts> = {}): ProjectFacts {
  return buildFacts({
    signingDate: '2026-01-10',
    agreementType: 'formal',
    signedAmountYuan: 500_000_000n,
    landedDate: '2026-02-01',
    startDate: '2026-03-01',
    productionDate: '2026-05-01',
    evidence: [...EVIDENCE_KINDS],
    ...overrides,
  });
}

const move = (to: Stage, effectiveDate = TODAY, reason?: string): MoveRequest => ({
  to,
  effectiveDate,
  reason,
});
const problemsOf = (check: MoveCheck) => (check.ok ? [] : check.problems);
const codesOf = (check: MoveCheck) => problemsOf(check).map((p) => p.code);

function deepFreeze(facts: ProjectFacts): ProjectFacts {
  Object.freeze(facts.evidence);
  return Object.freeze(facts);
}

describe('stage vocabulary', () => {
  it('labels every stage, evidence kind and agreement type in Chinese and English', () => {
    for (const s of STAGES) expect(STAGE_LABELS[s].zh && STAGE_LABELS[s].en).toBeTruthy();
    for (const k of EVIDENCE_KINDS)
      expect(EVIDENCE_KIND_LABELS[k].zh && EVIDENCE_KIND_LABELS[k].en).toBeTruthy();
    for (const a of AGREEMENT_TYPES)
      expect(AGREEMENT_TYPE_LABELS[a].zh && AGREEMENT_TYPE_LABELS[a].en).toBeTruthy();
    expect(STAGE_LABELS.withdrawn.zh).toBe('退库/终止');
  });
  it('has the main path in order and the two holds off it', () => {
    expect(MAIN_PATH).toEqual(['negotiating', 'signed', 'landed', 'started', 'producing']);
    expect(STAGES.filter(isHoldStage)).toEqual(['paused', 'withdrawn']);
  });
});

describe('checkMove forward', () => {
  it('moves one step forward when the stage’s requirements are met', () => {
    const facts = buildCompleteFacts();
    expect(checkMove(facts, move('signed', '2026-01-10'), TODAY)).toEqual({
      ok: true,
      effectiveDate: '2026-01-10',
    });
  });
  it('says exactly what signing needs when nothing is there', () => {
    const check = checkMove(buildFacts(), move('signed'), TODAY);
    expect(problemsOf(check)).toEqual([
      { code: 'missing_field', stage: 'signed', field: 'signingDate' },
      { code: 'missing_field', stage: 'signed', field: 'agreementType' },
      { code: 'missing_field', stage: 'signed', field: 'signedAmountYuan' },
      { code: 'missing_evidence', stage: 'signed', kind: 'agreement', anyOf: ['agreement'] },
    ]);
    expect(summarizeMoveProblems(problemsOf(check)).zh).toBe(
      '签约须填写：签约日期、协议类型、签约金额；须上传：投资协议。',
    );
    expect(summarizeMoveProblems(problemsOf(check)).en).toBe(
      'Signed needs: signing date, agreement type, signed amount; attached investment agreement.',
    );
  });
  it('does not count a signed amount of zero', () => {
    const facts = buildCompleteFacts({ signedAmountYuan: 0n });
    const problems = problemsOf(checkMove(facts, move('signed'), TODAY));
    expect(problems).toEqual([
      { code: 'missing_field', stage: 'signed', field: 'signedAmountYuan', notPositive: true },
    ]);
    expect(describeMoveProblem(problems[0]!).zh).toBe('签约须填写：签约金额（须大于 0）。');
  });
  it('accepts a business licence or a land contract for landing, and asks for one of them when neither is there', () => {
    const at = (evidence: EvidenceKind[]) => buildCompleteFacts({ stage: 'signed', evidence });
    expect(checkMove(at(['agreement', 'business_licence']), move('landed'), TODAY).ok).toBe(true);
    expect(checkMove(at(['agreement', 'land_contract']), move('landed'), TODAY).ok).toBe(true);
    const problems = problemsOf(checkMove(at(['agreement']), move('landed'), TODAY));
    expect(problems).toEqual([
      {
        code: 'missing_evidence',
        stage: 'landed',
        kind: 'business_licence',
        anyOf: ['business_licence', 'land_contract'],
      },
    ]);
    expect(describeMoveProblem(problems[0]!).zh).toBe('落地须上传：营业执照或土地合同/租赁合同。');
  });
  it('jumps several stages at once when every stage passed meets its requirements', () => {
    expect(checkMove(buildCompleteFacts(), move('producing'), TODAY).ok).toBe(true);
  });
  it('refuses a jump that skips a stage’s requirements and names the stage', () => {
    const facts = buildCompleteFacts({ landedDate: null, evidence: ['agreement', 'construction_permit'] });
    const check = checkMove(facts, move('started'), TODAY);
    expect(problemsOf(check)).toEqual([
      { code: 'missing_field', stage: 'landed', field: 'landedDate' },
      {
        code: 'missing_evidence',
        stage: 'landed',
        kind: 'business_licence',
        anyOf: ['business_licence', 'land_contract'],
      },
    ]);
    expect(summarizeMoveProblems(problemsOf(check)).zh).toBe(
      '落地须填写：落地日期；须上传：营业执照或土地合同/租赁合同。',
    );
  });
  it('checks again the requirements of stages already passed', () => {
    const facts = buildCompleteFacts({ stage: 'landed', agreementType: null });
    expect(problemsOf(checkMove(facts, move('started'), TODAY))).toEqual([
      { code: 'missing_field', stage: 'signed', field: 'agreementType' },
    ]);
  });
});

describe('checkMove dates', () => {
  it('refuses a stage date after today', () => {
    const facts = buildCompleteFacts({ signingDate: '2026-06-01', landedDate: '2026-06-02' });
    expect(problemsOf(checkMove(facts, move('signed', '2026-05-01'), TODAY))).toEqual([
      { code: 'date_in_future', field: 'signingDate', date: '2026-06-01', today: TODAY },
    ]);
  });
  it('refuses an effective date after today', () => {
    const p = problemsOf(checkMove(buildCompleteFacts(), move('signed', '2026-05-21'), TODAY));
    expect(p).toEqual([{ code: 'date_in_future', field: 'effectiveDate', date: '2026-05-21', today: TODAY }]);
    expect(describeMoveProblem(p[0]!).zh).toBe('变更日期 2026-05-21 晚于今天（2026-05-20），不能预先填报。');
  });
  it('refuses stage dates that go backwards along the main path', () => {
    const facts = buildCompleteFacts({ stage: 'landed', startDate: '2026-01-15' });
    const p = problemsOf(checkMove(facts, move('started'), TODAY));
    expect(p).toContainEqual({
      code: 'date_before_previous',
      field: 'startDate',
      date: '2026-01-15',
      previousStage: 'landed',
      previousDate: '2026-02-01',
    });
    expect(describeMoveProblem(p[0]!).zh).toBe('开工日期 2026-01-15 早于落地日期 2026-02-01。');
  });
  it('allows two stages on the same day', () => {
    const facts = buildCompleteFacts({ landedDate: '2026-01-10' });
    expect(checkMove(facts, move('landed', '2026-01-10'), TODAY).ok).toBe(true);
  });
  it('refuses an effective date before the date of the stage moved to', () => {
    const p = problemsOf(checkMove(buildCompleteFacts(), move('landed', '2026-01-20'), TODAY));
    expect(p).toEqual([
      {
        code: 'date_before_previous',
        field: 'effectiveDate',
        date: '2026-01-20',
        previousStage: 'landed',
        previousDate: '2026-02-01',
      },
    ]);
  });
  it('refuses a pause dated before the stage the project is at', () => {
    const facts = buildCompleteFacts({ stage: 'started' });
    expect(codesOf(checkMove(facts, move('paused', '2026-02-15', '资金未到位'), TODAY))).toEqual([
      'date_before_previous',
    ]);
  });
  it('refuses dates that are not real calendar dates', () => {
    const facts = buildCompleteFacts({ signingDate: '2026-02-30' });
    expect(problemsOf(checkMove(facts, move('signed', '2026/05/01'), TODAY))).toEqual([
      { code: 'invalid_date', field: 'signingDate', value: '2026-02-30' },
      { code: 'invalid_date', field: 'effectiveDate', value: '2026/05/01' },
    ]);
  });
  it('refuses to run without a real today', () => {
    expect(() => checkMove(buildFacts(), move('paused'), '20 May')).toThrow(RangeError);
  });
});

describe('checkMove illegal moves', () => {
  it('refuses to move back along the main path and says where the project can go', () => {
    const facts = buildCompleteFacts({ stage: 'landed' });
    const p = problemsOf(checkMove(facts, move('signed'), TODAY));
    expect(p).toEqual([
      {
        code: 'illegal_move',
        from: 'landed',
        to: 'signed',
        allowed: ['started', 'producing', 'paused', 'withdrawn'],
      },
    ]);
    expect(describeMoveProblem(p[0]!).zh).toContain('不能从“落地”退回“签约”');
    expect(describeMoveProblem(p[0]!).zh).toContain('可移至：开工、投产、暂缓、退库/终止。');
  });
  it('refuses a move to the stage the project is already at', () => {
    for (const stage of STAGES) {
      const facts = buildCompleteFacts({ stage, stageBeforeHold: isHoldStage(stage) ? 'signed' : null });
      expect(codesOf(checkMove(facts, move(stage, TODAY, '原因'), TODAY)), stage).toEqual(['illegal_move']);
    }
  });
  it('reports only the illegal move, not the requirements of a stage it may not go to', () => {
    expect(
      problemsOf(checkMove(buildFacts({ stage: 'signed' }), move('negotiating', 'not a date'), TODAY)),
    ).toHaveLength(1);
  });
});

describe('pausing, withdrawing and resuming', () => {
  it('pauses or withdraws any main-path stage, producing included, with a reason', () => {
    for (const stage of MAIN_PATH) {
      for (const hold of ['paused', 'withdrawn'] as const) {
        const facts = buildCompleteFacts({ stage });
        const request = move(hold, TODAY, '企业资金链紧张');
        const check = checkMove(facts, request, TODAY);
        expect(check.ok, `${stage} → ${hold}`).toBe(true);
        expect(applyMove(facts, request, check)).toMatchObject({ stage: hold, stageBeforeHold: stage });
      }
    }
  });
  it('requires a reason that is more than blanks', () => {
    const facts = buildFacts();
    for (const reason of [undefined, '', '  \u3000']) {
      const p = problemsOf(checkMove(facts, move('paused', TODAY, reason), TODAY));
      expect(p).toEqual([{ code: 'missing_field', stage: 'paused', field: 'reason' }]);
    }
    const p = problemsOf(checkMove(facts, move('withdrawn'), TODAY));
    expect(describeMoveProblem(p[0]!)).toEqual({
      zh: '退库/终止须填写：原因。',
      en: 'Withdrawing needs the reason.',
    });
  });
  it('can always stop a project, even one whose facts are incomplete', () => {
    expect(checkMove(buildFacts({ stage: 'landed' }), move('withdrawn', TODAY, '项目终止'), TODAY).ok).toBe(
      true,
    );
  });
  it('withdraws a paused project and keeps where it was before the pause', () => {
    const facts = buildCompleteFacts({ stage: 'paused', stageBeforeHold: 'landed' });
    const request = move('withdrawn', TODAY, '企业放弃投资');
    expect(applyMove(facts, request, checkMove(facts, request, TODAY))).toMatchObject({
      stage: 'withdrawn',
      stageBeforeHold: 'landed',
    });
  });
  it('resumes a paused project only at the stage it was at', () => {
    const facts = buildCompleteFacts({ stage: 'paused', stageBeforeHold: 'landed' });
    expect(allowedMoves(facts)).toEqual(['landed', 'withdrawn']);
    const request = move('landed');
    const check = checkMove(facts, request, TODAY);
    expect(check.ok).toBe(true);
    expect(applyMove(facts, request, check)).toMatchObject({ stage: 'landed', stageBeforeHold: null });
    for (const to of ['negotiating', 'signed', 'started', 'producing'] as const) {
      const p = problemsOf(checkMove(facts, move(to), TODAY));
      expect(p[0]?.code, to).toBe('illegal_move');
      expect(describeMoveProblem(p[0]!).zh).toContain('只能恢复到暂缓或退库前所处的阶段');
    }
  });
  it('checks again the requirements of the stage a project resumes at', () => {
    const facts = buildCompleteFacts({ stage: 'paused', stageBeforeHold: 'landed', evidence: ['agreement'] });
    expect(problemsOf(checkMove(facts, move('landed'), TODAY))).toEqual([
      {
        code: 'missing_evidence',
        stage: 'landed',
        kind: 'business_licence',
        anyOf: ['business_licence', 'land_contract'],
      },
    ]);
  });
  it('restarts a withdrawn project at negotiating, or resumes it where it was, but does not pause it', () => {
    const facts = buildCompleteFacts({ stage: 'withdrawn', stageBeforeHold: 'started' });
    expect(allowedMoves(facts)).toEqual(['negotiating', 'started']);
    const fresh = move('negotiating');
    expect(applyMove(facts, fresh, checkMove(facts, fresh, TODAY))).toMatchObject({
      stage: 'negotiating',
      stageBeforeHold: null,
    });
    expect(checkMove(facts, move('started'), TODAY).ok).toBe(true);
    expect(codesOf(checkMove(facts, move('paused', TODAY, '再议'), TODAY))).toEqual(['illegal_move']);
  });
});

describe('applyMove', () => {
  it('returns new facts and leaves the old ones as they were', () => {
    const facts = deepFreeze(buildCompleteFacts());
    const request = move('signed');
    const next = applyMove(facts, request, checkMove(facts, request, TODAY));
    expect(next).not.toBe(facts);
    expect(next.stage).toBe('signed');
    expect(facts.stage).toBe('negotiating');
    expect({ ...next, stage: 'negotiating' }).toEqual(facts);
  });
  it('refuses a refused check, and a check of another move', () => {
    const facts = buildFacts();
    const refused = checkMove(facts, move('signed'), TODAY);
    expect(() => applyMove(facts, move('signed'), refused)).toThrow(/checkMove accepted/);
    const accepted = checkMove(facts, move('paused', TODAY, '原因'), TODAY);
    expect(() => applyMove(facts, move('negotiating'), accepted)).toThrow(/checkMove accepted/);
    expect(() => applyMove(facts, move('paused', '2026-05-01', '原因'), accepted)).toThrow(
      /checkMove accepted/,
    );
  });
});

describe('missingForStage', () => {
  it('lists the missing fields and files of the target and every stage before it', () => {
    const facts = buildFacts({ signingDate: '2026-01-10', evidence: ['agreement', 'land_contract'] });
    expect(missingForStage(facts, 'started')).toEqual({
      fields: ['agreementType', 'signedAmountYuan', 'landedDate', 'startDate'],
      evidence: [{ stage: 'started', anyOf: ['construction_permit'] }],
    });
    expect(missingForStage(buildCompleteFacts(), 'producing')).toEqual({ fields: [], evidence: [] });
  });
  it('asks for a reason to pause or withdraw, and nothing to negotiate', () => {
    expect(missingForStage(buildFacts(), 'paused')).toEqual({ fields: ['reason'], evidence: [] });
    expect(missingForStage(buildFacts(), 'negotiating')).toEqual({ fields: [], evidence: [] });
  });
});

describe('checkStageFacts', () => {
  it('refuses an edit that removes what the reached stage requires', () => {
    expect(checkStageFacts(buildCompleteFacts({ stage: 'landed', signingDate: null }), TODAY)).toEqual([
      { code: 'missing_field', stage: 'signed', field: 'signingDate' },
    ]);
    expect(checkStageFacts(buildCompleteFacts({ stage: 'landed' }), TODAY)).toEqual([]);
  });
  it('holds a paused project to the requirements of the stage it was at', () => {
    const facts = buildCompleteFacts({
      stage: 'paused',
      stageBeforeHold: 'started',
      evidence: ['agreement'],
    });
    expect(checkStageFacts(facts, TODAY).map((p) => p.code)).toEqual([
      'missing_evidence',
      'missing_evidence',
    ]);
  });
  it('lets stages not reached yet be planned freely, as long as their dates are real', () => {
    expect(checkStageFacts(buildFacts({ startDate: '2027-01-01', landedDate: '2020-01-01' }), TODAY)).toEqual(
      [],
    );
    expect(checkStageFacts(buildFacts({ startDate: '2027-02-30' }), TODAY)).toEqual([
      { code: 'invalid_date', field: 'startDate', value: '2027-02-30' },
    ]);
  });
  it('refuses moving a reached stage’s date into the future or before the previous stage', () => {
    expect(
      checkStageFacts(buildCompleteFacts({ stage: 'signed', signingDate: '2026-06-01' }), TODAY)[0]?.code,
    ).toBe('date_in_future');
    expect(
      checkStageFacts(buildCompleteFacts({ stage: 'landed', landedDate: '2026-01-01' }), TODAY)[0]?.code,
    ).toBe('date_before_previous');
  });
});

describe('describeMoveProblem', () => {
  it('describes every kind of problem in both languages', () => {
    const problems: MoveProblem[] = [
      { code: 'illegal_move', from: 'producing', to: 'started', allowed: ['paused', 'withdrawn'] },
      { code: 'illegal_move', from: 'withdrawn', to: 'paused', allowed: ['negotiating'] },
      { code: 'missing_field', stage: 'producing', field: 'productionDate' },
      {
        code: 'missing_evidence',
        stage: 'started',
        kind: 'construction_permit',
        anyOf: ['construction_permit'],
      },
      { code: 'invalid_date', field: 'landedDate', value: 'x' },
      { code: 'date_in_future', field: 'startDate', date: '2027-01-01', today: TODAY },
      {
        code: 'date_before_previous',
        field: 'productionDate',
        date: '2026-01-01',
        previousStage: 'started',
        previousDate: '2026-02-01',
      },
    ];
    for (const p of problems) {
      const d = describeMoveProblem(p);
      expect(d.zh, p.code).toMatch(/[\u4e00-\u9fff]/);
      expect(d.en, p.code).toMatch(/^[A-Z]/);
    }
    expect(describeMoveProblem(problems[1]!).zh).toBe('不能从“退库/终止”移至“暂缓”。可移至：在谈。');
  });
  it('summarises several stages and other problems in one message', () => {
    const check = checkMove(buildFacts({ signingDate: '2026-06-01' }), move('landed'), TODAY);
    expect(summarizeMoveProblems(problemsOf(check)).zh).toBe(
      '签约须填写：协议类型、签约金额；须上传：投资协议。落地须填写：落地日期；须上传：营业执照或土地合同/租赁合同。' +
        '签约日期 2026-06-01 晚于今天（2026-05-20），不能预先填报。',
    );
  });
});

// ——— Properties: no sequence of calls reaches an illegal state or loses history ———

const DAY0 = Date.UTC(2026, 0, 1);
const day = (n: number) => new Date(DAY0 + n * 86_400_000).toISOString().slice(0, 10);

type Command =
  /** `next`: the first stage allowedMoves offers, as a person pushing the project on would choose. */
  | { type: 'move'; to: Stage | 'next'; dayOffset: number | 'bad'; reason: string | undefined }
  | { type: 'edit'; patch: Partial<ProjectFacts> }
  | { type: 'fill_next' }
  | { type: 'tick'; days: number };

type Accepted =
  | { type: 'move'; move: MoveRequest; today: string }
  | { type: 'edit'; patch: Partial<ProjectFacts>; today: string };

const dateArb = fc.oneof(
  fc.constant(null),
  fc.integer({ min: 0, max: 60 }).map(day),
  fc.constant('2026-02-30'),
);
const patchArb: fc.Arbitrary<Partial<ProjectFacts>> = fc.oneof(
  fc.record({ signingDate: dateArb }),
  fc.record({ landedDate: dateArb }),
  fc.record({ startDate: dateArb }),
  fc.record({ productionDate: dateArb }),
  fc.record({ agreementType: fc.constantFrom(null, ...AGREEMENT_TYPES) }),
  fc.record({ signedAmountYuan: fc.constantFrom(null, 0n, 1n, 123_456_789n) }),
  fc.record({ evidence: fc.subarray([...EVIDENCE_KINDS]) }),
);
const commandArb: fc.Arbitrary<Command> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.record({
      type: fc.constant('move' as const),
      to: fc.oneof(fc.constantFrom(...STAGES), fc.constant('next' as const)),
      // Mostly today or a few days back, sometimes tomorrow or not a date at all.
      dayOffset: fc.oneof(fc.integer({ min: -4, max: 1 }), fc.constant(0), fc.constant('bad' as const)),
      reason: fc.constantFrom(undefined, '', '资金未到位'),
    }),
  },
  { weight: 3, arbitrary: fc.record({ type: fc.constant('edit' as const), patch: patchArb }) },
  { weight: 2, arbitrary: fc.constant({ type: 'fill_next' as const }) },
  {
    weight: 1,
    arbitrary: fc.record({ type: fc.constant('tick' as const), days: fc.integer({ min: 1, max: 5 }) }),
  },
);

/** A person filling in everything the next stage asks for, dated today. */
function fillNext(facts: ProjectFacts, today: string): Partial<ProjectFacts> {
  const reached = reachedStage(facts) ?? 'negotiating';
  const next = MAIN_PATH[MAIN_PATH.indexOf(reached) + 1];
  if (!next) return {};
  const req = STAGE_REQUIREMENTS[next];
  const patch: Partial<ProjectFacts> = {
    evidence: [...new Set([...facts.evidence, ...req.evidenceAnyOf.slice(0, 1)])],
  };
  if (req.date) patch[req.date] = today;
  if (next === 'signed') Object.assign(patch, { agreementType: 'framework', signedAmountYuan: 80_000_000n });
  return patch;
}

function edit(facts: ProjectFacts, patch: Partial<ProjectFacts>): ProjectFacts {
  return deepFreeze({ ...facts, ...patch, evidence: [...(patch.evidence ?? facts.evidence)] });
}

/** The stage path follows from the accepted moves alone. */
function stageFromMoves(moves: readonly MoveRequest[]): Pick<ProjectFacts, 'stage' | 'stageBeforeHold'> {
  let state: Pick<ProjectFacts, 'stage' | 'stageBeforeHold'> = {
    stage: 'negotiating',
    stageBeforeHold: null,
  };
  for (const m of moves) {
    const before: Stage | null = isMainStage(state.stage) ? state.stage : state.stageBeforeHold;
    state = { stage: m.to, stageBeforeHold: isHoldStage(m.to) ? before : null };
  }
  return state;
}

function assertInvariants(facts: ProjectFacts, today: string) {
  expect(STAGES).toContain(facts.stage);
  expect(facts.stageBeforeHold !== null).toBe(isHoldStage(facts.stage));
  if (facts.stageBeforeHold !== null) expect(MAIN_PATH).toContain(facts.stageBeforeHold);
  const reached = reachedStage(facts) as MainStage;
  for (const stage of MAIN_PATH.slice(0, MAIN_PATH.indexOf(reached) + 1)) {
    expect(missingForStage(facts, stage), stage).toEqual({ fields: [], evidence: [] });
  }
  expect(checkStageFacts(facts, today)).toEqual([]);
}

describe('stage machine properties', () => {
  it('never reaches an illegal state nor loses history, whatever the sequence of moves and edits', () => {
    const visits = new Map<string, number>();
    const seen = (k: string) => visits.set(k, (visits.get(k) ?? 0) + 1);
    fc.assert(
      fc.property(fc.array(commandArb, { maxLength: 80, size: 'max' }), (commands) => {
        const initial = deepFreeze(buildFacts());
        let facts = initial;
        let todayIndex = 10;
        let today = day(todayIndex);
        const accepted: Accepted[] = [];
        for (const cmd of commands) {
          if (cmd.type === 'tick') {
            todayIndex += cmd.days;
            today = day(todayIndex);
          } else if (cmd.type === 'move') {
            const request = {
              to: cmd.to === 'next' ? allowedMoves(facts)[0]! : cmd.to,
              effectiveDate: cmd.dayOffset === 'bad' ? 'bad' : day(todayIndex + cmd.dayOffset),
              reason: cmd.reason,
            };
            const snapshot = structuredClone(facts);
            const check = checkMove(facts, request, today);
            if (check.ok) {
              expect(allowedMoves(facts)).toContain(request.to);
              const next = deepFreeze(applyMove(facts, request, check));
              if (isMainStage(facts.stage) && isMainStage(next.stage)) {
                expect(MAIN_PATH.indexOf(next.stage)).toBeGreaterThan(MAIN_PATH.indexOf(facts.stage));
              }
              if (isHoldStage(facts.stage) && isMainStage(next.stage)) {
                seen(
                  facts.stage === 'withdrawn' && next.stage !== facts.stageBeforeHold ? 'fresh' : 'resume',
                );
              }
              facts = next;
              accepted.push({ type: 'move', move: request, today });
              seen(facts.stage);
            } else {
              expect(check.problems.length).toBeGreaterThan(0);
              expect(facts).toEqual(snapshot);
            }
          } else {
            const patch = cmd.type === 'edit' ? cmd.patch : fillNext(facts, today);
            const next = edit(facts, patch);
            if (checkStageFacts(next, today).length === 0) {
              facts = next;
              accepted.push({ type: 'edit', patch, today });
            }
          }
          assertInvariants(facts, today);
        }
        // Replaying what was accepted, on the days it was accepted, is accepted again and ends in the same state.
        let replayed = initial;
        for (const a of accepted) {
          if (a.type === 'edit') {
            replayed = edit(replayed, a.patch);
            expect(checkStageFacts(replayed, a.today)).toEqual([]);
          } else {
            const check = checkMove(replayed, a.move, a.today);
            expect(check.ok).toBe(true);
            replayed = applyMove(replayed, a.move, check);
          }
        }
        expect(replayed).toEqual(facts);
        const moves = accepted.flatMap((a) => (a.type === 'move' ? [a.move] : []));
        expect(stageFromMoves(moves)).toEqual({ stage: facts.stage, stageBeforeHold: facts.stageBeforeHold });
      }),
      { numRuns: 300 },
    );
    // The generator must actually walk the whole machine, or the property proves little.
    for (const s of [...STAGES, 'resume', 'fresh']) expect(visits.get(s) ?? 0, s).toBeGreaterThan(0);
  });

  it('refuses exactly the moves allowedMoves leaves out, and only with illegal_move', () => {
    const stateArb = fc.oneof(
      fc.constantFrom(...MAIN_PATH).map((stage) => ({ stage: stage as Stage, stageBeforeHold: null })),
      fc.record({
        stage: fc.constantFrom(...(['paused', 'withdrawn'] as const)),
        stageBeforeHold: fc.constantFrom(...MAIN_PATH),
      }),
    );
    fc.assert(
      fc.property(stateArb, fc.constantFrom(...STAGES), (state, to) => {
        const facts = buildCompleteFacts(state);
        const check = checkMove(facts, move(to, TODAY, '原因'), TODAY);
        const illegal = problemsOf(check).some((p) => p.code === 'illegal_move');
        expect(illegal).toBe(!allowedMoves(facts).includes(to));
        if (!illegal) expect(check.ok).toBe(true);
      }),
    );
  });

  it('finds nothing missing exactly when a legal move to a main-path stage meets its requirements', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...MAIN_PATH),
        fc.subarray([...EVIDENCE_KINDS]),
        fc.boolean(),
        fc.boolean(),
        (to, evidence, hasType, hasLanded) => {
          const facts = buildCompleteFacts({
            stage: 'negotiating',
            evidence,
            agreementType: hasType ? 'supplementary' : null,
            landedDate: hasLanded ? '2026-02-01' : null,
          });
          const missing = missingForStage(facts, to);
          const nothingMissing = missing.fields.length === 0 && missing.evidence.length === 0;
          const check = checkMove(facts, move(to), TODAY);
          // negotiating → negotiating is not a move at all.
          expect(check.ok).toBe(to !== 'negotiating' && nothingMissing);
        },
      ),
    );
  });
});
