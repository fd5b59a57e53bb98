// multipart/form-data for users.setAvatar (§6): the file in field `image`, plus
// optional `userId` / `username` text fields.
import busboy from 'busboy';
import type { IncomingHttpHeaders } from 'node:http';
import { Readable } from 'node:stream';

export interface UploadedFile {
  field: string;
  filename: string;
  mimeType: string;
  data: Buffer;
}

export interface MultipartResult {
  fields: Record<string, string>;
  files: UploadedFile[];
}

export function parseMultipart(headers: IncomingHttpHeaders, raw: Buffer): Promise<MultipartResult> {
  return new Promise((resolve, reject) => {
    let parser: busboy.Busboy;
    try {
      parser = busboy({ headers, limits: { fileSize: 20 * 1024 * 1024 } });
    } catch (error) {
      reject(error instanceof Error ? error : new Error(String(error)));
      return;
    }
    const result: MultipartResult = { fields: {}, files: [] };
    parser.on('field', (name, value) => {
      result.fields[name] = value;
    });
    parser.on('file', (field, stream, info) => {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        result.files.push({ field, filename: info.filename, mimeType: info.mimeType, data: Buffer.concat(chunks) });
      });
    });
    parser.on('error', (error) => reject(error instanceof Error ? error : new Error(String(error))));
    parser.on('close', () => resolve(result));
    Readable.from([raw]).pipe(parser);
  });
}
