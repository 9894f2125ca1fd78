import { z } from 'zod';
import { BUSINESS_ROLES, ROLES, SECURITY_ROLES } from '../access/roles.js';

export const USERNAME_PATTERN = /^[a-zA-Z][a-zA-Z0-9_.-]{2,31}$/;
export const username = z
  .string()
  .trim()
  .regex(USERNAME_PATTERN, 'User name: 3–32 letters, digits, _ . -, starting with a letter');

export const userSchema = z.object({
  id: z.string().uuid(),
  username: z.string(),
  displayName: z.string(),
  unitId: z.string().uuid(),
  unitName: z.string(),
  districtId: z.string().uuid(),
  roles: z.array(z.enum(ROLES)),
  status: z.enum(['active', 'disabled']),
  lockedUntil: z.string().nullable(),
  mustChangePassword: z.boolean(),
  lastLoginAt: z.string().nullable(),
  createdAt: z.string(),
});
export type UserView = z.infer<typeof userSchema>;

export const createUserInput = z.object({
  username,
  displayName: z.string().trim().min(1).max(40),
  unitId: z.string().uuid(),
  // Business roles only (may be empty); the 三员 roles are granted by the security administrator.
  roles: z.array(z.enum(BUSINESS_ROLES)).max(BUSINESS_ROLES.length).default([]),
});
export type CreateUserInput = z.infer<typeof createUserInput>;

export const updateUserInput = z
  .object({
    displayName: z.string().trim().min(1).max(40),
    unitId: z.string().uuid(),
    roles: z.array(z.enum(BUSINESS_ROLES)).max(BUSINESS_ROLES.length),
  })
  .partial()
  .refine((v) => Object.keys(v).length > 0, 'Nothing to change');
export type UpdateUserInput = z.infer<typeof updateUserInput>;

export const loginInput = z.object({
  username: z.string().trim().min(1).max(64),
  // Never truncated: anything longer than the policy maximum is refused at change time, and at login it
  // simply fails to match.
  password: z.string().min(1).max(1024),
});

export const changePasswordInput = z.object({
  currentPassword: z.string().min(1).max(1024),
  newPassword: z.string().min(1).max(1024),
});

export const meSchema = z.object({
  user: z.object({
    id: z.string().uuid(),
    username: z.string(),
    displayName: z.string(),
    roles: z.array(z.enum(ROLES)),
    mustChangePassword: z.boolean(),
    passwordExpired: z.boolean(),
    unit: z.object({ id: z.string().uuid(), name: z.string(), kind: z.string() }),
    district: z.object({ id: z.string().uuid(), name: z.string() }),
    city: z.object({ id: z.string().uuid(), name: z.string() }).nullable(),
    permissions: z.array(z.string()),
    // The password rules in force, so forms check what the server will check.
    passwordPolicy: z.object({ minLength: z.number().int(), minClasses: z.number().int() }),
  }),
  csrfToken: z.string(),
});
export type Me = z.infer<typeof meSchema>;

export const setupInput = z.object({
  cityName: z.string().trim().min(1).max(40),
  districtName: z.string().trim().min(1).max(40),
  centerName: z.string().trim().min(1).max(60).default('投资促进中心'),
  admin: z.object({
    username,
    displayName: z.string().trim().min(1).max(40),
    password: z.string().min(1).max(1024),
  }),
  loadDemo: z.boolean().default(false),
});
export type SetupInput = z.infer<typeof setupInput>;

export const setSecurityRoleInput = z.object({ role: z.enum(SECURITY_ROLES).nullable() });
