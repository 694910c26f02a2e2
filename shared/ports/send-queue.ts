/** One unit of campaign sending: up to a batch of recipients of one campaign, one kind of message. */
export interface CampaignSendMessage {
  campaignId: string;
  kind: 'invite' | 'reminder';
  recipientIds: string[];
  /** The dispatch's instant: due-ness and closing are judged at it, not when the message is read. */
  dispatchedAt: string;
}

/** The queue campaign sends fan out through (SQS when deployed, a local queue otherwise). */
export interface SendQueue {
  enqueue(messages: readonly CampaignSendMessage[]): Promise<void>;
}
