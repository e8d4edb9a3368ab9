/** The answer to "may this user do this action on this resource?", with the reason why. */
export interface Decision {
  allow: boolean;
  reason: string;
}

export function allow(reason: string): Decision {
  return { allow: true, reason };
}

export function deny(reason: string): Decision {
  return { allow: false, reason };
}
