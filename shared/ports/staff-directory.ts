/** Who belongs to which team: checks that an assignee is a member of the feedback's team. */
export interface StaffDirectory {
  /** The team ids of a staff id; undefined when no such person exists. */
  teamsOf(staffId: string): Promise<readonly string[] | undefined>;
}
