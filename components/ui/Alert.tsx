type Tone = "info" | "success" | "warning" | "error";

const TONES: Record<Tone, string> = {
  info: "border-marianne bg-marianne-light",
  success: "border-vert bg-vert-light/40",
  warning: "border-jaune bg-jaune-light",
  error: "border-rouge bg-rouge-light",
};

export function Alert({ tone = "info", title, children, id }: { tone?: Tone; title?: string; children?: React.ReactNode; id?: string }) {
  return (
    <div id={id} role={tone === "error" ? "alert" : "status"} className={`border-l-4 px-4 py-3 ${TONES[tone]}`}>
      {title && <p className="font-semibold">{title}</p>}
      {children && <div className={title ? "mt-1" : ""}>{children}</div>}
    </div>
  );
}
