/** The path's progress bar: a native <progress> (role progressbar) with its text, so it reads and prints without colour. */
export function PathProgress({ done, total, id }: { done: number; total: number; id: string }) {
  const text = `${done} étape${done > 1 ? "s" : ""} sur ${total}`;
  return (
    <div className="space-y-1">
      <p id={id} className="text-sm">
        Progression : <strong data-testid="path-progress-text">{text}</strong>
        {done === total && <span className="ml-2 font-semibold text-vert">— parcours terminé</span>}
      </p>
      <progress
        max={total}
        value={done}
        aria-labelledby={id}
        aria-valuetext={text}
        className="block h-3 w-full appearance-none overflow-hidden rounded border border-line [&::-moz-progress-bar]:bg-vert [&::-webkit-progress-bar]:bg-surface [&::-webkit-progress-value]:bg-vert"
      >
        {text}
      </progress>
    </div>
  );
}
