import type { FastifyRequest } from 'fastify';
import { AppError } from '../../http/errors.js';
import { ATTACHMENT_MAX_BYTES, attachmentErrors } from '../projects/attachments.service.js';

/** The one file of a multipart upload (vouchers, agreement files), with the same limits as project evidence. */
export async function readSingleFile(req: FastifyRequest): Promise<{ filename: string; content: Buffer }> {
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
  return { filename: part.filename, content };
}
