import { type CleanIssue, type IssueRule, NO_ISSUES } from "./cleanIssue";

/**
 * Collects the issues of one record while it is cleaned. The list is created on the first issue;
 * a record without issues ends with the shared {@link NO_ISSUES}.
 *
 * @example
 * const log = new IssueLog();
 * log.add("age", -3, "invalid_age");
 * log.issues(); // [{ field: "age", value: -3, rule: "invalid_age" }]
 */
export class IssueLog {
  private list: CleanIssue[] | null = null;

  /** Records that `field`, holding the raw `value`, fell under `rule`. */
  add(field: string, value: unknown, rule: IssueRule): void {
    const issue: CleanIssue = { field, value, rule };
    if (this.list === null) this.list = [issue];
    else this.list.push(issue);
  }

  /** The issues added so far, or {@link NO_ISSUES}. */
  issues(): readonly CleanIssue[] {
    return this.list ?? NO_ISSUES;
  }
}
