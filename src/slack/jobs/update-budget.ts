// A token bucket per workspace for progress edits: chat.update is Tier 3 (~50 per minute per workspace).

export interface UpdateBudgetOptions {
  /** Edits allowed per minute, leaving room for final answers. @defaultValue 40 */
  perMinute?: number;
  now?: () => number;
}

export class UpdateBudget {
  private tokens: number;
  private last: number;
  private readonly rate: number;
  private readonly now: () => number;

  constructor(options: UpdateBudgetOptions = {}) {
    this.rate = options.perMinute ?? 40;
    this.now = options.now ?? Date.now;
    this.tokens = this.rate;
    this.last = this.now();
  }

  /** Takes one edit from the allowance; false when it is spent for now. */
  tryTake(): boolean {
    const now = this.now();
    this.tokens = Math.min(this.rate, this.tokens + ((now - this.last) / 60_000) * this.rate);
    this.last = now;
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }
}

/** One budget per workspace, created on first use. */
export class UpdateBudgets {
  private readonly byTeam = new Map<string, UpdateBudget>();

  constructor(private readonly options: UpdateBudgetOptions = {}) {}

  for(teamId: string): UpdateBudget {
    let budget = this.byTeam.get(teamId);
    if (!budget) {
      budget = new UpdateBudget(this.options);
      this.byTeam.set(teamId, budget);
    }
    return budget;
  }
}
