/**
 * Component errors in terms of the stack config: a component refusing a value the config gave it is re-raised
 * naming the config file and key, so `meridian plan` (and `pulumi up`) print one line a user can act on.
 */
import { MeridianValidationError } from "../../components/core";

/**
 * Builds what `build` builds from the config section at `key` (`meridian:aws.database`). A
 * `MeridianValidationError` it raises about a field the section holds becomes an error on `<key>.<field>` of
 * `file`; one about a field the stack set itself names the section and the component's field.
 */
export function fromConfig<T>(file: string, key: string, section: object | undefined, build: () => T): T {
  try {
    return build();
  } catch (err) {
    if (!(err instanceof MeridianValidationError) || err.component === file) throw err;
    const top = err.field.split(/[.[]/)[0] ?? "";
    const fed = section !== undefined && Object.prototype.hasOwnProperty.call(section, top);
    const who = `${err.component}${err.componentName === undefined ? "" : ` '${err.componentName}'`}`;
    throw new MeridianValidationError({
      component: file,
      field: fed ? `${key}.${err.field}` : key,
      value: err.value,
      allowed: fed ? `${err.allowed} (${who})` : `what ${who} accepts for ${err.field}: ${err.allowed}`,
    });
  }
}
