"use client";
import { useState, useTransition } from "react";
import { useForm } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import { BUILT_IN_FIELDS, fieldUpdateSchema, newFieldSchema, type FieldUpdateInput, type NewFieldInput } from "@/lib/habilitations/schema";
import { FIELD_KIND_LABELS, type FieldKind } from "@/lib/habilitations/fields";
import { addApiFieldAction, removeApiFieldAction, updateApiFieldAction } from "@/lib/habilitations/actions";
import { Alert } from "@/components/ui/Alert";
import { Button, buttonClass } from "@/components/ui/Button";
import { ConfirmDialog } from "@/components/ui/ConfirmDialog";
import { Field, describedBy, inputClass } from "@/components/ui/Field";
import { applyServerErrors, messagesOf } from "@/components/accounts/form-errors";
import { DataTable } from "@/components/ui/DataTable";

type CatalogueField = { key: string; label: string; kind: FieldKind; required: boolean; help: string | null };
type Feedback = { tone: "success" | "error"; text: string };

function EditFieldForm({ code, field, onDone }: { code: string; field: CatalogueField; onDone: (f: Feedback | null) => void }) {
  const [pending, startTransition] = useTransition();
  const builtIn = field.key in BUILT_IN_FIELDS;
  const { register, handleSubmit, setError, formState: { errors } } = useForm<FieldUpdateInput>({
    resolver: zodResolver(fieldUpdateSchema),
    defaultValues: { label: field.label, required: field.required, help: field.help ?? "" },
  });
  const id = `field-${field.key}`;
  const labelErrors = messagesOf(errors.label);
  const helpErrors = messagesOf(errors.help);
  return (
    <form
      noValidate
      aria-label={`Modifier le champ ${field.key}`}
      className="space-y-3 bg-surface p-3"
      onSubmit={handleSubmit((values) =>
        startTransition(async () => {
          const result = await updateApiFieldAction(code, field.key, values);
          if (result.ok) onDone({ tone: "success", text: result.message ?? "Enregistré." });
          else {
            applyServerErrors(result.errors, setError);
            if (!result.errors) onDone({ tone: "error", text: result.message });
          }
        }),
      )}
    >
      <Field id={`${id}-label`} label="Libellé" required errors={labelErrors}>
        <input id={`${id}-label`} className={inputClass} {...register("label")} {...describedBy(`${id}-label`, { errors: labelErrors })} />
      </Field>
      <Field id={`${id}-help`} label="Aide affichée à l'opérateur" errors={helpErrors}>
        <input id={`${id}-help`} className={inputClass} {...register("help")} {...describedBy(`${id}-help`, { errors: helpErrors })} />
      </Field>
      <label className="flex items-center gap-2">
        <input type="checkbox" className="h-4 w-4" disabled={builtIn} {...register("required")} />
        Obligatoire {builtIn && <span className="text-sm text-muted">(toujours, pour url et token)</span>}
      </label>
      <div className="flex gap-3">
        <button type="submit" disabled={pending} className={buttonClass("primary")}>
          Enregistrer le champ
        </button>
        <Button variant="ghost" onClick={() => onDone(null)}>
          Annuler
        </Button>
      </div>
    </form>
  );
}

function AddFieldForm({ code, onDone }: { code: string; onDone: (f: Feedback | null) => void }) {
  const [pending, startTransition] = useTransition();
  const { register, handleSubmit, setError, formState: { errors } } = useForm<NewFieldInput>({
    resolver: zodResolver(newFieldSchema),
    defaultValues: { key: "", label: "", kind: "TEXT", required: true, help: "" },
  });
  const e = { key: messagesOf(errors.key), label: messagesOf(errors.label), kind: messagesOf(errors.kind), help: messagesOf(errors.help) };
  return (
    <form
      noValidate
      aria-label="Ajouter un champ"
      className="max-w-3xl space-y-4 border border-line p-4"
      onSubmit={handleSubmit((values) =>
        startTransition(async () => {
          const result = await addApiFieldAction(code, values);
          if (result.ok) onDone({ tone: "success", text: result.message ?? "Champ ajouté." });
          else {
            applyServerErrors(result.errors, setError);
            if (!result.errors) onDone({ tone: "error", text: result.message });
          }
        }),
      )}
    >
      <Field id="new-field-key" label="Clé technique" required errors={e.key} hint="Ex. : codeBureau. Ne peut plus changer ensuite.">
        <input id="new-field-key" autoComplete="off" className={inputClass} {...register("key")} {...describedBy("new-field-key", { hint: true, errors: e.key })} />
      </Field>
      <Field id="new-field-label" label="Libellé" required errors={e.label}>
        <input id="new-field-label" className={inputClass} {...register("label")} {...describedBy("new-field-label", { errors: e.label })} />
      </Field>
      <Field id="new-field-kind" label="Type" required errors={e.kind}>
        <select id="new-field-kind" className={inputClass} {...register("kind")} {...describedBy("new-field-kind", { errors: e.kind })}>
          {(Object.keys(FIELD_KIND_LABELS) as FieldKind[]).map((k) => (
            <option key={k} value={k}>
              {FIELD_KIND_LABELS[k]}
            </option>
          ))}
        </select>
      </Field>
      <Field id="new-field-help" label="Aide affichée à l'opérateur" errors={e.help}>
        <input id="new-field-help" className={inputClass} {...register("help")} {...describedBy("new-field-help", { errors: e.help })} />
      </Field>
      <label className="flex items-center gap-2">
        <input type="checkbox" className="h-4 w-4" {...register("required")} />
        Obligatoire (les comptes habilités sans cette donnée passent au statut jaune)
      </label>
      <div className="flex gap-3">
        <button type="submit" disabled={pending} className={buttonClass("primary")}>
          Ajouter le champ
        </button>
        <Button variant="ghost" onClick={() => onDone(null)}>
          Annuler
        </Button>
      </div>
    </form>
  );
}

/** The data fields an API asks operators for: url and token always, more if customs needs them. */
export function ApiFieldsEditor({ code, apiName, fields }: { code: string; apiName: string; fields: CatalogueField[] }) {
  const [editing, setEditing] = useState<string | null>(null);
  const [adding, setAdding] = useState(false);
  const [removing, setRemoving] = useState<CatalogueField | null>(null);
  const [feedback, setFeedback] = useState<Feedback | null>(null);
  const [pending, startTransition] = useTransition();
  const done = (f: Feedback | null) => {
    setEditing(null);
    setAdding(false);
    setFeedback(f);
  };
  const remove = () => {
    if (!removing) return;
    const key = removing.key;
    startTransition(async () => {
      const result = await removeApiFieldAction(code, key);
      setRemoving(null);
      setFeedback(result.ok ? { tone: "success", text: result.message ?? "Champ retiré." } : { tone: "error", text: result.message });
    });
  };
  return (
    <div className="space-y-4">
      {feedback && <Alert tone={feedback.tone}>{feedback.text}</Alert>}
      <DataTable
        caption={`Champs demandés aux opérateurs pour ${apiName}`}
        minWidth="min-w-[720px]"
        columns={["Clé", "Libellé", "Type", "Obligatoire", "Actions"]}
      >
        {fields.map((f) => (
          <tr key={f.key} className="border-t border-line align-top" data-testid={`catalogue-field-${f.key}`}>
            <td className="px-3 py-3 font-mono">{f.key}</td>
            <td className="px-3 py-3">
              {editing === f.key ? (
                <EditFieldForm code={code} field={f} onDone={done} />
              ) : (
                <>
                  {f.label}
                  {f.help && <span className="block text-xs text-muted">{f.help}</span>}
                </>
              )}
            </td>
            <td className="px-3 py-3">{FIELD_KIND_LABELS[f.kind]}</td>
            <td className="px-3 py-3">{f.required ? "Oui" : "Non"}</td>
            <td className="px-3 py-3">
              <div className="flex flex-wrap gap-2">
                {editing !== f.key && (
                  <Button variant="secondary" className="py-1" onClick={() => { setEditing(f.key); setFeedback(null); }}>
                    Modifier<span className="sr-only"> le champ {f.key}</span>
                  </Button>
                )}
                {!(f.key in BUILT_IN_FIELDS) && (
                  <Button variant="danger" className="py-1" onClick={() => setRemoving(f)}>
                    Supprimer<span className="sr-only"> le champ {f.key}</span>
                  </Button>
                )}
              </div>
            </td>
          </tr>
        ))}
      </DataTable>
      {adding ? (
        <AddFieldForm code={code} onDone={done} />
      ) : (
        <Button variant="secondary" onClick={() => { setAdding(true); setFeedback(null); }}>
          + Ajouter un champ
        </Button>
      )}
      <ConfirmDialog
        open={removing !== null}
        title={`Supprimer le champ « ${removing?.label ?? ""} » ?`}
        confirmLabel="Supprimer le champ"
        pending={pending}
        onConfirm={remove}
        onCancel={() => setRemoving(null)}
      >
        <p>Les valeurs déjà saisies par les opérateurs pour ce champ seront effacées. Le statut des comptes habilités sur {apiName} sera recalculé.</p>
      </ConfirmDialog>
    </div>
  );
}
