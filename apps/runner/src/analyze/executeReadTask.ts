import type { ColumnarBuilder, ColumnarPartial } from "@pinpipe/analytics/columnar";
import { type PieceReader, SizeLimitError } from "./pieceReader";
import type { ReadTask } from "./planReadTasks";

/** A file that could not be read to its end, and why. */
export interface FileError {
  readonly file: string;
  readonly reason: string;
  /** The file was cut short by a size limit (its rest counted as a rejection), not unreadable. */
  readonly cutShort: boolean;
}

/** What reading one task produced. */
export interface TaskResult {
  readonly taskId: number;
  readonly partial: ColumnarPartial;
  /** Bytes on disk the task covered. */
  readonly bytes: number;
  /** Files the task finished (a file cut in ranges counts once, with its last range). */
  readonly files: number;
  readonly errors: readonly FileError[];
  /** Lines seen in each piece, in piece order (blank and too-long lines included). */
  readonly lines: readonly number[];
}

/**
 * Reads every piece of a task into `builder` and takes the resulting partial. A piece that fails
 * (unreadable file, corrupt gzip) is reported in `errors`; the records read before the failure
 * are kept and the other pieces are still read.
 *
 * @example
 * const result = await executeReadTask(task, builder, new PieceReader(builder));
 * merger.add(0, result.partial);
 */
export async function executeReadTask(
  task: ReadTask,
  builder: ColumnarBuilder,
  reader: PieceReader,
): Promise<TaskResult> {
  const errors: FileError[] = [];
  const lines: number[] = [];
  let files = 0;
  for (const [index, piece] of task.pieces.entries()) {
    builder.beginPiece(index);
    try {
      const pending = reader.read(piece);
      if (pending !== undefined) await pending;
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      errors.push({ file: piece.name, reason, cutShort: error instanceof SizeLimitError });
    }
    if (piece.end < 0) files++;
    lines.push(builder.linesInPiece);
  }
  return { taskId: task.id, partial: builder.takePartial(), bytes: task.bytes, files, errors, lines };
}
