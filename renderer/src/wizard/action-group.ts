/*
 * A step's reducer owns a group of actions; the reducer above it hands the whole group over. The
 * group's type names are written once, in a record the compiler checks against the group's union:
 * a missing or unknown name does not build, so a new action is routed as soon as it is declared.
 */

type Action = { readonly type: string };

/** Every type name of the group, each once. */
export type ActionTypes<Group extends Action> = Readonly<Record<Group['type'], true>>;

/** Whether an action belongs to the group, narrowing it to the group's actions when it does. */
export type ActionGuard<Group extends Action> = <Any extends Action>(
  action: Any,
) => action is Extract<Any, Group>;

export function actionGroup<Group extends Action>(types: ActionTypes<Group>): ActionGuard<Group> {
  return <Any extends Action>(action: Any): action is Extract<Any, Group> =>
    Object.hasOwn(types, action.type);
}
