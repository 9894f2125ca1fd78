import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ApiErrorBody } from '../../../domain/errors.js';
import type { ImportKind } from '../../../domain/imports/import-columns.js';
import type { ImportBatchView } from '../../../domain/imports/imports.schemas.js';
import { ApiError, api } from '../../app/api.js';

export const templateHref = (kind: ImportKind) => `/api/imports/${kind}/template.xlsx`;

const batchKey = (id: string) => ['imports', id] as const;

/**
 * The upload goes through XMLHttpRequest because fetch reports no upload progress; a large file on a slow
 * county network takes a while, and the person should see it move.
 */
export async function uploadImport(
  kind: ImportKind,
  file: File,
  onProgress: (percent: number) => void,
): Promise<{ batchId: string }> {
  const { csrfToken } = await api.get<{ csrfToken: string }>('/api/auth/me');
  const form = new FormData();
  form.append('file', file, file.name);
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', `/api/imports/${kind}`);
    xhr.setRequestHeader('X-CSRF-Token', csrfToken);
    xhr.setRequestHeader('Accept', 'application/json');
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) onProgress(Math.round((e.loaded / e.total) * 100));
    };
    xhr.onload = () => {
      let body: unknown = null;
      try {
        body = JSON.parse(xhr.responseText);
      } catch {
        // not JSON: a proxy answered
      }
      if (xhr.status === 202) return resolve(body as { batchId: string });
      const error = (body as Partial<ApiErrorBody> | null)?.error;
      reject(
        new ApiError(
          xhr.status,
          error ?? {
            code: `http.${xhr.status}`,
            message: `The server answered ${xhr.status}.`,
            messageZh: `服务器返回错误（${xhr.status}），请稍后重试。`,
          },
        ),
      );
    };
    xhr.onerror = () =>
      reject(
        new ApiError(0, {
          code: 'network.unreachable',
          message: 'The server cannot be reached.',
          messageZh: '无法连接服务器，请检查网络后重试。',
        }),
      );
    xhr.send(form);
  });
}

/** The batch, polled while the server is still checking it. */
export function useImportBatch(id: string | null) {
  return useQuery({
    queryKey: batchKey(id ?? ''),
    queryFn: () => api.get<ImportBatchView>(`/api/imports/${id}`),
    enabled: Boolean(id),
    refetchInterval: (q) => (q.state.data?.status === 'parsing' || !q.state.data ? 400 : false),
  });
}

export function useCommitImport() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.post<ImportBatchView>(`/api/imports/${id}/commit`),
    onSuccess: (batch) => {
      qc.setQueryData(batchKey(batch.id), batch);
      void qc.invalidateQueries({ queryKey: ['projects'] });
      void qc.invalidateQueries({ queryKey: ['leads'] });
      void qc.invalidateQueries({ queryKey: ['capital'] });
    },
  });
}
