import type { FieldError } from '../errors.js';

// 增资扩股 (DOMAIN §3, issue 4): a project that is an existing enterprise's capital increase carries its
// increment, which the year's 口径 may count instead of the whole amount. The increment cannot exceed what the
// project is signed or planned at, or the indicator would count more than the project.

export interface CapitalIncreaseFacts {
  capitalIncrease: boolean;
  incrementYuan: string | null;
  signedAmountYuan: string | null;
  plannedTotalYuan: string | null;
}

/** Problems keyed by field (incrementYuan); empty when the facts hold. */
export function checkCapitalIncrease(f: CapitalIncreaseFacts): Record<string, FieldError> {
  if (!f.capitalIncrease) return {};
  if (f.incrementYuan === null) {
    return {
      incrementYuan: {
        message: 'A capital increase needs its increment (增资额).',
        messageZh: '增资扩股项目须填写增资额。',
      },
    };
  }
  const inc = BigInt(f.incrementYuan);
  for (const [cap, en, zh] of [
    [f.signedAmountYuan, 'signed amount', '签约额'],
    [f.plannedTotalYuan, 'planned total investment', '计划总投资'],
  ] as const) {
    if (cap !== null && inc > BigInt(cap)) {
      return {
        incrementYuan: {
          message: `The increment cannot exceed the ${en}.`,
          messageZh: `增资额不能大于${zh}。`,
        },
      };
    }
  }
  return {};
}
