// The one error body of the API: { error: { code, message, messageZh, fields? } }.
export interface FieldError {
  message: string;
  messageZh: string;
}
export interface ApiErrorBody {
  error: {
    code: string;
    message: string;
    messageZh: string;
    fields?: Record<string, FieldError>;
  };
}
