import type { FastifyRequest } from 'fastify';
import { ATTACHMENT_MAX_BYTES, attachmentErrors } from '../modules/projects/attachments.service.js';
import { AppError } from './errors.js';

/**
 * The one file of a multipart upload (project evidence, vouchers, agreement and lead files), with the same limits
 * everywhere, and the text fields sent before it (a project file's `kind`).
 */
export async function readSingleFile(
  req: FastifyRequest,
): Promise<{ filename: string; content: Buffer; fields: Record<string, string> }> {
  if (!req.isMultipart()) {
    throw new AppError(
      415,
      'attachments.multipart_required',
      'Send the file as multipart/form-data.',
      '请以表单方式上传文件。',
    );
  }
  const part = await req.file({ limits: { fileSize: ATTACHMENT_MAX_BYTES, files: 1 } });
  if (!part) throw attachmentErrors.empty();
  const content = await part.toBuffer().catch((err: { code?: string }) => {
    throw err.code === 'FST_REQ_FILE_TOO_LARGE' ? attachmentErrors.tooLarge() : err;
  });
  const fields: Record<string, string> = {};
  for (const [name, field] of Object.entries(part.fields)) {
    const value = (field as { value?: unknown } | undefined)?.value;
    if (typeof value === 'string') fields[name] = value;
  }
  return { filename: part.filename, content, fields };
}
