// The action ids of every interactive element InsightX posts; listeners route on them.

export const ACTIONS = {
  /** A suggested or follow-up question; value is the question text. */
  askFollowUp: "insightx_ask",
  /** Opens the SQL & code modal; value is the archived answer id. */
  showCode: "insightx_show_code",
  /** Uploads the result as CSV; value is the archived answer id. */
  downloadCsv: "insightx_download_csv",
  forgetConfirm: "insightx_forget_confirm",
  forgetCancel: "insightx_forget_cancel",
} as const;

/** Buttons in one message need distinct action ids: `insightx_ask:0`, `insightx_ask:1`… */
export const indexedAction = (base: string, index: number) => `${base}:${index}`;

/** Matches `base` and its indexed variants. */
export const actionPattern = (base: string) => new RegExp(`^${base}(:\\d+)?$`);
