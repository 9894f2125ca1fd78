// The one error body of the API: { error: { code, message, messageZh, fields? } }.
export interface FieldError {
  message: string;
  messageZh: string;
  /** Where in the field's text the problem is (a scheme formula's wrong part), as [start, end) offsets. */
  start?: number;
  end?: number;
}
export interface ApiErrorBody {
  error: {
    code: string;
    message: string;
    messageZh: string;
    fields?: Record<string, FieldError>;
  };
}
