/**
 * The feedback table, described once as data. `infra/constructs/feedback-table.ts` turns it
 * into a DynamoDB table; the local stack turns it into a CreateTable call on DynamoDB Local.
 */
export interface IndexDefinition {
  name: string;
  partitionKey: string;
  sortKey: string;
  /**
   * Which attributes the index copies besides the keys: every one (the default), or only these
   * (`INCLUDE`; none at all is `KEYS_ONLY`). A narrow projection keeps the index's writes and
   * reads small when its readers need a figure, not the item.
   */
  include?: readonly string[];
}

export interface TableDefinition {
  /** CDK construct id, and the table name on DynamoDB Local (deployed names are generated). */
  logicalName: string;
  partitionKey: string;
  sortKey: string;
  /** String-typed attributes only: every key here is a string. */
  indexes: readonly IndexDefinition[];
  timeToLiveAttribute: string;
}

/**
 * Every index sorts by `listSk` (`<receivedAt>#<id>`) so lists come newest first. Index
 * attributes are written only when they have a value, so each index is sparse: a feedback
 * appears in `byPriority` once triage gave it a priority, and non-feedback items appear in none.
 */
export const FEEDBACK_TABLE: TableDefinition = {
  logicalName: 'FeedbackTable',
  partitionKey: 'pk',
  sortKey: 'sk',
  indexes: [
    { name: 'byStatus', partitionKey: 'status', sortKey: 'listSk' },
    { name: 'byPriority', partitionKey: 'priority', sortKey: 'listSk' },
    { name: 'byChannel', partitionKey: 'channel', sortKey: 'listSk' },
    { name: 'byMonth', partitionKey: 'receivedMonth', sortKey: 'listSk' },
    // The same customer's feedback, for repeat-complaint detection (identified customers only).
    { name: 'byCustomer', partitionKey: 'customerKey', sortKey: 'listSk' },
    // Work waiting for a retry (e.g. sentiment scoring while Comprehend was down).
    { name: 'byPending', partitionKey: 'pending', sortKey: 'listSk' },
    // Feedback with an escalation step ahead, by when it is due: the sweep reads only what is due.
    { name: 'byEscalation', partitionKey: 'escalationDue', sortKey: 'nextEscalationAt' },
    // Open work by its next deadline: the console's inbox, soonest first.
    { name: 'byDeadline', partitionKey: 'workQueue', sortKey: 'nextDeadlineAt' },
    // A team's feedback and one person's work (contract §7): `team=` and `assignee=` lists.
    { name: 'byTeam', partitionKey: 'team', sortKey: 'listSk' },
    { name: 'byAssignee', partitionKey: 'assignee', sortKey: 'listSk' },
    // A team's complaints not yet in a complaint digest (removed once sent): the digest's work.
    { name: 'byDigest', partitionKey: 'digestTeam', sortKey: 'listSk' },
    // Campaign responses by the month they were answered (`listSk` `<answeredAt>#<responseId>`):
    // a snapshot's campaign CSAT. Only the response's rating is copied: the count needs nothing else.
    { name: 'byResponseMonth', partitionKey: 'responseMonth', sortKey: 'listSk', include: ['csatRating'] },
  ],
  timeToLiveAttribute: 'expiresAt',
};

export type FeedbackIndexName =
  | 'byStatus'
  | 'byPriority'
  | 'byChannel'
  | 'byMonth'
  | 'byCustomer'
  | 'byPending'
  | 'byEscalation'
  | 'byDeadline'
  | 'byTeam'
  | 'byAssignee'
  | 'byDigest'
  | 'byResponseMonth';
