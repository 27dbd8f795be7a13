// A failed job reports its error as one string ("<where>: <reason>", the engine's LifeboatError
// message). For a broker file the place is the file name with its line or line:column, which is
// split off again so the page can show it apart.

export interface SplitError {
  message: string;
  where: string | null;
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export function splitJobError(error: string, fileName: string): SplitError {
  const m = new RegExp(`^(${escape(fileName)}(?::\\d+){0,2}(?: \\([^)]*\\))?): (.+)$`, 's').exec(error);
  return m ? { where: m[1], message: m[2] } : { message: error, where: null };
}
