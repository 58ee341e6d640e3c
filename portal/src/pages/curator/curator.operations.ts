import { graphql } from '../../gql';

/** The curator's own cases (filter.curator = his account), with the programme's rows and their state. */
export const CURATOR_CASES = graphql(`
  query PortalCuratorCases($filter: KdnCaseFilter!, $first: Int!, $after: String) {
    kdnCasesConnection(filter: $filter, first: $first, after: $after) {
      edges {
        cursor
        node {
          id
          number
          state
          receivedOn
          municipality
          termEndsOn
          child {
            fullName
            age
            redaction {
              category
              reason
              message
            }
          }
          programme {
            id
            rowNo
            dueDate
            measureStatus
            doneOn
            overdue
            cancelled
          }
          programmeApproval {
            approvedOn
          }
        }
      }
      pageInfo {
        endCursor
        hasNextPage
      }
    }
  }
`);

export const CURATOR_CASE = graphql(`
  query PortalCuratorCase($id: ID!) {
    kdnCase(id: $id) {
      id
      number
      state
      municipality
      programmeVersion
      termEndsOn
      child {
        fullName
        age
      }
      programmeApproval {
        approvedOn
      }
      programme {
        id
        rowNo
        problem
        task
        measure
        executorAgency
        executorOrganisationName
        dueDate
        measureStatus
        doneOn
        result
        overdue
        cancelled
        cancelReason
      }
    }
    programmeProposals(caseId: $id) {
      id
      organisationId
      organisationType
      problem
      task
      measure
      dueDate
      proposedBy
      proposedAt
      status
      programmeRowId
      rowNo
      decidedBy
      decidedAt
      declineReason
    }
  }
`);

export const COMPOSE_PROGRAMME = graphql(`
  mutation PortalComposeProgramme($caseId: ID!, $accept: [AcceptProgrammeProposalInput!]!, $decline: [DeclineProgrammeProposalInput!]!) {
    composeProgramme(caseId: $caseId, accept: $accept, decline: $decline) {
      id
      organisationId
      status
      programmeRowId
      rowNo
      declineReason
    }
  }
`);

/** What is due on the curator's cases: records, sheets, surveys, programme rows. */
export const CURATOR_DUE = graphql(`
  query PortalCuratorDue($curator: String!, $overdueOnly: Boolean!, $first: Int!) {
    dueItems(curator: $curator, overdueOnly: $overdueOnly, first: $first) {
      caseId
      caseNumber
      kind
      addressee
      agency
      dueOn
      overdue
      rowNo
      municipality
      provisional
      provisionalReason
    }
  }
`);
