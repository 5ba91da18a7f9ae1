/**
 * The S3 media store: objects in a bucket of any S3-compatible service (AWS S3, Cloudflare R2,
 * MinIO, Backblaze B2…), served to readers from `publicUrl` (the bucket's public address or a CDN
 * in front of it). Credentials come from the SDK's standard chain: `AWS_ACCESS_KEY_ID` and
 * `AWS_SECRET_ACCESS_KEY`, `AWS_PROFILE`, web identity, and so on.
 */
import { createHash, randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, readFile, rename, rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import {
  CopyObjectCommand,
  DeleteObjectsCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
  type PutObjectCommandInput,
} from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import type { S3Settings } from '../../settings';
import { encodeKeyPath, parseRecords } from './local-store';
import { RECORDS_KEY, attachmentDisposition, type ListedObject, type MediaObject, type MediaRecords, type MediaStore, type ObjectHead } from './store';

const MiB = 1024 * 1024;

/**
 * Objects up to this size go up in one PutObject from memory, which the SDK can retry as is and
 * which carries a Content-MD5 the service checks; larger ones go up in parts. The figures behind
 * these three numbers: docs/decisions/0027-upload-sizes-and-concurrency.md.
 */
const MULTIPART_THRESHOLD = 16 * MiB;
/** Part size of multipart uploads (S3's minimum is 5 MiB). */
const PART_SIZE = 8 * MiB;
/** Parts of one object in flight at once; memory held is about PART_SIZE × this per object. */
const PART_CONCURRENCY = 4;
/** DeleteObjects takes at most this many keys per request. */
const DELETE_BATCH = 1000;

export interface S3StoreOptions {
  /** Bucket, endpoint, region, prefix and addressing style. */
  s3: S3Settings;
  /** Base URL readers fetch objects from, without trailing slash; `url(key)` is `${publicUrl}/${key}`. */
  publicUrl: string;
  /** Objects larger than this many bytes are uploaded in parts (default MULTIPART_THRESHOLD). */
  multipartThreshold?: number;
  /** Bytes per part of a multipart upload (default PART_SIZE, at least 5 MiB). */
  partSize?: number;
  /** Parts of one object uploaded at once (default PART_CONCURRENCY). */
  partConcurrency?: number;
  /** Keys per ListObjectsV2 page (default and S3's maximum 1,000); tests page with fewer. */
  pageSize?: number;
}

/** An S3 request that failed, told in plain words; the SDK's error is its `cause`. */
export class S3StoreError extends Error {
  override name = 'S3StoreError';
  /** The service's error code (`NoSuchBucket`, `InvalidAccessKeyId`…) or the network error's (`ECONNREFUSED`). */
  readonly code?: string;
  /** HTTP status of the failed response, when there was one. */
  readonly status?: number;

  constructor(message: string, options: { cause: unknown; code?: string; status?: number }) {
    super(message, { cause: options.cause });
    this.code = options.code;
    this.status = options.status;
  }
}

interface SdkErrorShape {
  name?: string;
  Code?: string;
  code?: string;
  message?: string;
  $metadata?: { httpStatusCode?: number };
}

const statusOf = (error: unknown) => (error as SdkErrorShape | undefined)?.$metadata?.httpStatusCode;
/** A missing object; a missing bucket is an error to report, though also a 404 (a HEAD's 404 cannot tell them apart). */
const isNotFound = (error: unknown) => {
  const name = (error as SdkErrorShape | undefined)?.name;
  return name !== 'NoSuchBucket' && (name === 'NotFound' || name === 'NoSuchKey' || statusOf(error) === 404);
};

function checkKey(key: string): void {
  if (!key || key.startsWith('/') || key.split('/').some((segment) => segment === '' || segment === '.' || segment === '..')) {
    throw new Error(`"${key}" is not a media key: keys are relative paths like media/img/<hash>/photo-960.webp`);
  }
}

export class S3Store implements MediaStore {
  readonly kind = 's3';
  readonly keepsHeaders = true;
  readonly description: string;
  readonly origin: string;
  /** The SDK client; `close()` releases its sockets. */
  readonly client: S3Client;
  private readonly bucket: string;
  private readonly prefix: string;
  private readonly publicUrl: string;
  private readonly endpointName: string;
  private readonly region: string;
  private readonly multipartThreshold: number;
  private readonly partSize: number;
  private readonly partConcurrency: number;
  private readonly pageSize: number;

  constructor(options: S3StoreOptions) {
    const { s3 } = options;
    this.bucket = s3.bucket;
    this.prefix = s3.prefix.replace(/^\/+|\/+$/g, '');
    this.publicUrl = options.publicUrl.replace(/\/+$/, '');
    this.origin = new URL(this.publicUrl).origin;
    this.region = s3.region;
    this.endpointName = s3.endpoint ?? `AWS S3 (${s3.region})`;
    this.description = `s3://${this.bucket}${this.prefix ? `/${this.prefix}` : ''} at ${this.publicUrl}`;
    this.multipartThreshold = options.multipartThreshold ?? MULTIPART_THRESHOLD;
    this.partSize = Math.max(options.partSize ?? PART_SIZE, 5 * MiB);
    this.partConcurrency = options.partConcurrency ?? PART_CONCURRENCY;
    this.pageSize = Math.min(options.pageSize ?? 1000, 1000);
    this.client = new S3Client({
      region: s3.region,
      endpoint: s3.endpoint,
      forcePathStyle: s3.forcePathStyle,
      // Since early 2025 the SDK adds a CRC checksum to every upload by default, and sends streamed
      // bodies as `aws-chunked` with the checksum in a trailer. S3 itself understands that; not
      // every S3-compatible service does: R2 rejected such uploads when the SDK began sending
      // them, and s3rver (our test server) stores the chunk framing as if it were the object's
      // bytes. WHEN_REQUIRED sends a checksum only where the API demands one (DeleteObjects), and
      // asks for none on downloads. Whole uploads carry a Content-MD5 instead, which S3, R2 and
      // MinIO check.
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
      retryMode: 'standard',
    });
    // DeleteObjects is the one call where S3 demands a checksum, and the SDK now sends CRC32 where
    // it used to send Content-MD5; some S3-compatible services (Dell ECS, for one) still refuse
    // the call without the MD5, which S3 accepts as ever. So the MD5 goes alone, as the SDK's
    // MD5_FALLBACK note shows. Low priority runs this after the SDK's checksum step, so the
    // headers it removes are there to remove.
    this.client.middlewareStack.add(
      (next, context) => async (args) => {
        const request = args.request as { headers?: Record<string, string>; body?: unknown };
        if (context.commandName === 'DeleteObjectsCommand' && request.headers && typeof request.body === 'string') {
          for (const header of Object.keys(request.headers)) {
            if (/^x-amz-(sdk-)?checksum-/i.test(header)) delete request.headers[header];
          }
          request.headers['content-md5'] = createHash('md5').update(request.body).digest('base64');
        }
        return next(args);
      },
      { step: 'build', priority: 'low', name: 'pressroomDeleteObjectsMd5' },
    );
  }

  /** Releases the client's sockets; the store is not used after. */
  close(): void {
    this.client.destroy();
  }

  private fullKey(key: string): string {
    return this.prefix ? `${this.prefix}/${key}` : key;
  }

  /** Turns an SDK error into one that says what went wrong and what to check. */
  private explain(error: unknown, action: string): S3StoreError {
    if (error instanceof S3StoreError) return error;
    const shape = (error ?? {}) as SdkErrorShape;
    const status = statusOf(error);
    // Network errors carry a Node code (ECONNREFUSED) under a generic name (Error, AggregateError).
    const systemCode = typeof shape.code === 'string' && /^E[A-Z]+$/.test(shape.code) ? shape.code : undefined;
    const code = shape.Code ?? systemCode ?? (shape.name && !/^(Aggregate)?Error$/.test(shape.name) ? shape.name : undefined);
    const where = `bucket "${this.bucket}" at ${this.endpointName}`;
    let message: string;
    switch (code) {
      case 'NoSuchBucket':
        message = `${where} does not exist; check PRESS_MEDIA_S3_BUCKET and PRESS_MEDIA_S3_ENDPOINT`;
        break;
      case 'InvalidAccessKeyId':
        message = `${this.endpointName} does not know the access key id in AWS_ACCESS_KEY_ID; check the credentials`;
        break;
      case 'SignatureDoesNotMatch':
        message = `${this.endpointName} rejected the signature: AWS_SECRET_ACCESS_KEY does not belong to AWS_ACCESS_KEY_ID`;
        break;
      case 'AccessDenied':
      case 'Forbidden':
        message = `access denied to ${where} while trying to ${action}; the credentials need read, write, list and delete rights on the bucket`;
        break;
      case 'CredentialsProviderError':
        message = 'no S3 credentials found: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (or AWS_PROFILE)';
        break;
      case 'PermanentRedirect':
      case 'AuthorizationHeaderMalformed':
      case 'IllegalLocationConstraintException':
        message = `${where} is in another region than "${this.region}"; set PRESS_MEDIA_S3_REGION`;
        break;
      case 'ECONNREFUSED':
      case 'ENOTFOUND':
      case 'EAI_AGAIN':
      case 'ETIMEDOUT':
      case 'ECONNRESET':
      case 'TimeoutError':
        message = `could not reach ${this.endpointName} (${code}) while trying to ${action}; check PRESS_MEDIA_S3_ENDPOINT and the network`;
        break;
      default:
        if (status === 403) message = `access denied to ${where} while trying to ${action} (HTTP 403${code ? `, ${code}` : ''})`;
        else message = `could not ${action} in ${where}: ${code ?? 'error'}${status ? ` (HTTP ${status})` : ''}: ${shape.message ?? String(error)}`;
    }
    return new S3StoreError(message, { cause: error, code, status });
  }

  url(key: string): string {
    checkKey(key);
    return `${this.publicUrl}/${encodeKeyPath(key)}`;
  }

  async *list(prefix = ''): AsyncIterable<ListedObject> {
    const root = this.prefix ? `${this.prefix}/` : '';
    let token: string | undefined;
    do {
      let page;
      try {
        page = await this.client.send(
          new ListObjectsV2Command({ Bucket: this.bucket, Prefix: root + prefix, ContinuationToken: token, MaxKeys: this.pageSize }),
        );
      } catch (error) {
        throw this.explain(error, `list ${root + prefix || 'the objects'}`);
      }
      for (const item of page.Contents ?? []) {
        if (!item.Key?.startsWith(root)) continue;
        yield { key: item.Key.slice(root.length), bytes: item.Size ?? 0, lastModified: item.LastModified ?? new Date(0) };
      }
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token);
  }

  async head(key: string): Promise<ObjectHead | undefined> {
    checkKey(key);
    try {
      const head = await this.client.send(new HeadObjectCommand({ Bucket: this.bucket, Key: this.fullKey(key) }));
      return {
        bytes: head.ContentLength ?? 0,
        contentType: head.ContentType,
        cacheControl: head.CacheControl,
        contentDisposition: head.ContentDisposition,
        sha256: head.Metadata?.sha256,
      };
    } catch (error) {
      if (isNotFound(error)) return undefined;
      throw this.explain(error, `read the headers of ${key}`);
    }
  }

  private putParams(object: MediaObject): PutObjectCommandInput {
    return {
      Bucket: this.bucket,
      Key: this.fullKey(object.key),
      ContentType: object.contentType,
      CacheControl: object.cacheControl,
      ContentDisposition: object.downloadName ? attachmentDisposition(object.downloadName) : undefined,
      // Header values must be ASCII, and the hash is; the SDK sends it as x-amz-meta-sha256.
      Metadata: { sha256: object.sha256 },
    };
  }

  /** S3's CopyObject takes objects up to 5 GiB; larger ones are uploaded again. */
  static readonly MAX_COPY_BYTES = 5 * 1024 ** 3;

  async copy(sourceKey: string, object: MediaObject): Promise<void> {
    checkKey(sourceKey);
    checkKey(object.key);
    if (object.bytes > S3Store.MAX_COPY_BYTES) return this.put(object);
    const { Body: _body, ContentLength: _length, ...params } = this.putParams(object) as PutObjectCommandInput & { Body?: unknown };
    try {
      await this.client.send(
        new CopyObjectCommand({
          ...params,
          CopySource: encodeURI(`${this.bucket}/${this.fullKey(sourceKey)}`),
          // The stable key's own Cache-Control and download name, not its twin's.
          MetadataDirective: 'REPLACE',
        }),
      );
    } catch (error) {
      throw this.explain(error, `copy ${sourceKey} to ${object.key}`);
    }
  }

  async put(object: MediaObject): Promise<void> {
    checkKey(object.key);
    if (object.bytes <= this.multipartThreshold) return this.putWhole(object);
    return this.putInParts(object);
  }

  private async putWhole(object: MediaObject): Promise<void> {
    const body = await readFile(object.file).catch((error: unknown) => {
      throw fileError(object, error);
    });
    checkBytes(object, body.length, createHash('sha256').update(body).digest('hex'));
    try {
      await this.client.send(
        new PutObjectCommand({
          ...this.putParams(object),
          Body: body,
          ContentLength: body.length,
          ContentMD5: createHash('md5').update(body).digest('base64'),
        }),
      );
    } catch (error) {
      throw this.explain(error, `upload ${object.key}`);
    }
  }

  private async putInParts(object: MediaObject): Promise<void> {
    // Hashed before the upload, not while it streams: a file that does not match must not replace
    // the object already under a stable key. Reading a file twice costs far less than sending it.
    const hash = createHash('sha256');
    let bytesRead = 0;
    try {
      for await (const chunk of createReadStream(object.file)) {
        hash.update(chunk as Buffer);
        bytesRead += (chunk as Buffer).length;
      }
    } catch (error) {
      throw fileError(object, error);
    }
    checkBytes(object, bytesRead, hash.digest('hex'));
    const upload = new Upload({
      client: this.client,
      params: { ...this.putParams(object), Body: createReadStream(object.file), ContentLength: object.bytes },
      partSize: this.partSize,
      queueSize: this.partConcurrency,
      leavePartsOnError: false,
    });
    try {
      await upload.done();
    } catch (error) {
      throw this.explain(error, `upload ${object.key}`);
    }
  }

  async download(key: string, file: string): Promise<void> {
    checkKey(key);
    let response;
    try {
      response = await this.client.send(new GetObjectCommand({ Bucket: this.bucket, Key: this.fullKey(key) }));
    } catch (error) {
      if (isNotFound(error)) throw new S3StoreError(`there is no ${key} in ${this.description}`, { cause: error, code: 'NoSuchKey', status: 404 });
      throw this.explain(error, `download ${key}`);
    }
    if (!(response.Body instanceof Readable)) throw new Error(`the S3 client returned no stream for ${key}`);
    await mkdir(dirname(file), { recursive: true });
    const temp = `${file}.${randomUUID()}.tmp`;
    try {
      let received = 0;
      await pipeline(
        response.Body,
        async function* (chunks: AsyncIterable<Buffer>) {
          for await (const chunk of chunks) {
            received += chunk.length;
            yield chunk;
          }
        },
        createWriteStream(temp),
      );
      if (response.ContentLength !== undefined && received !== response.ContentLength) {
        throw new S3StoreError(`the download of ${key} stopped after ${received} of ${response.ContentLength} bytes`, { cause: undefined });
      }
      await rename(temp, file);
    } catch (error) {
      await rm(temp, { force: true });
      throw error instanceof S3StoreError ? error : this.explain(error, `download ${key}`);
    }
  }

  async remove(keys: string[]): Promise<void> {
    for (const key of keys) checkKey(key);
    for (let start = 0; start < keys.length; start += DELETE_BATCH) {
      const batch = keys.slice(start, start + DELETE_BATCH);
      let result;
      try {
        result = await this.client.send(
          new DeleteObjectsCommand({ Bucket: this.bucket, Delete: { Objects: batch.map((key) => ({ Key: this.fullKey(key) })), Quiet: true } }),
        );
      } catch (error) {
        throw this.explain(error, `delete ${batch.length} objects`);
      }
      const failed = (result.Errors ?? []).filter((item) => item.Code !== 'NoSuchKey');
      if (failed.length > 0) {
        const shown = failed.slice(0, 5).map((item) => `${item.Key}: ${item.Code} ${item.Message ?? ''}`.trim());
        throw new S3StoreError(`could not delete ${failed.length} objects from bucket "${this.bucket}": ${shown.join('; ')}${failed.length > 5 ? '; …' : ''}`, {
          cause: result.Errors,
          code: failed[0]?.Code,
        });
      }
    }
  }

  async readRecords(key = RECORDS_KEY): Promise<MediaRecords> {
    let text: string;
    try {
      const response = await this.client.send(new GetObjectCommand({ Bucket: this.bucket, Key: this.fullKey(key) }));
      text = (await response.Body?.transformToString('utf-8')) ?? '';
    } catch (error) {
      if (isNotFound(error)) return {};
      throw this.explain(error, `read ${key}`);
    }
    return parseRecords(text, `s3://${this.bucket}/${this.fullKey(key)}`);
  }

  async writeRecords(records: MediaRecords, key = RECORDS_KEY): Promise<void> {
    const body = Buffer.from(JSON.stringify(records));
    try {
      await this.client.send(
        new PutObjectCommand({
          Bucket: this.bucket,
          Key: this.fullKey(key),
          Body: body,
          ContentLength: body.length,
          ContentMD5: createHash('md5').update(body).digest('base64'),
          ContentType: 'application/json',
          // Builds read it through the API, never through a cache.
          CacheControl: 'no-store',
        }),
      );
    } catch (error) {
      throw this.explain(error, `write ${key}`);
    }
  }
}

function fileError(object: MediaObject, error: unknown): Error {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return new Error(`cannot upload ${object.key}: its file ${object.file} does not exist; run npm run build again`, { cause: error });
  return new Error(`cannot upload ${object.key}: reading ${object.file} failed (${code ?? String(error)})`, { cause: error });
}

/** The manifest's size and hash are what the object is labelled with; a cache file that changed since must not go up under them. */
function checkBytes(object: MediaObject, bytes: number, sha256: string): void {
  if (bytes !== object.bytes || sha256 !== object.sha256.toLowerCase()) {
    throw new Error(
      `cannot upload ${object.key}: ${object.file} has ${bytes} bytes with SHA-256 ${sha256}, the manifest says ${object.bytes} bytes with ${object.sha256}; run npm run build again`,
    );
  }
}
