import { fold, type Decider, type DomainCommand, type DomainEvent } from '../shared/decider';

type ErrorClass = new (...args: never[]) => Error;

/** `given(events).when(command).then(events)` or `.thenThrows(ErrorClass, message?)`, as in Emmett. */
export function deciderSpec<C extends DomainCommand, E extends DomainEvent, S>(
  decider: Decider<C, E, S>,
) {
  return {
    given(events: E[]) {
      return {
        when(command: C) {
          const decide = () => decider.decide(command, fold(decider, events));
          return {
            then(expected: E[]) {
              expect(decide()).toEqual(expected);
            },
            thenThrows(errorClass: ErrorClass, message?: string | RegExp) {
              expect(decide).toThrow(errorClass);
              if (message !== undefined) expect(decide).toThrow(message);
            },
          };
        },
      };
    },
  };
}
